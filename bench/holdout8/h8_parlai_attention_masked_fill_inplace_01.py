# source: https://github.com/facebookresearch/ParlAI/pull/3068
# case: ParlAI MultiHeadAttention after the PR: the discarded `dot_prod.masked_fill(...)` becomes `dot_prod.masked_fill_(attn_mask, neginf(dtype))`, and queries are scaled in place (`q.div_(scale)`); the bmm output and the reshaped projection are not saved by any backward node, so the in-place edits are safe and training runs
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


def neginf(dtype):
    return -1e20 if dtype is torch.float32 else -65504.0


class MultiHeadAttention(nn.Module):
    def __init__(self, n_heads, dim, dropout=0.0):
        super().__init__()
        self.n_heads = n_heads
        self.dim = dim
        self.attn_dropout = nn.Dropout(p=dropout)
        self.q_lin = nn.Linear(dim, dim)
        self.k_lin = nn.Linear(dim, dim)
        self.v_lin = nn.Linear(dim, dim)
        self.out_lin = nn.Linear(dim, dim)

    def forward(self, query, key=None, value=None, mask=None):
        batch_size, query_len, dim = query.size()
        n_heads = self.n_heads
        dim_per_head = dim // n_heads
        scale = math.sqrt(dim_per_head)

        def prepare_head(tensor):
            bsz, seq_len, _ = tensor.size()
            tensor = tensor.view(batch_size, tensor.size(1), n_heads, dim_per_head)
            return tensor.transpose(1, 2).contiguous().view(batch_size * n_heads, seq_len, dim_per_head)

        if key is None and value is None:
            key = value = query
        _, _key_len, dim = key.size()
        q = prepare_head(self.q_lin(query))
        k = prepare_head(self.k_lin(key))
        v = prepare_head(self.v_lin(value))

        full_key_len = k.size(1)
        dot_prod = q.div_(scale).bmm(k.transpose(1, 2))
        attn_mask = (mask == 0).view(batch_size, 1, -1, full_key_len).repeat(1, n_heads, 1, 1).expand(batch_size, n_heads, query_len, full_key_len).view(batch_size * n_heads, query_len, full_key_len)
        dot_prod.masked_fill_(attn_mask, neginf(dot_prod.dtype))

        attn_weights = F.softmax(dot_prod, dim=-1, dtype=torch.float).type_as(query)
        attn_weights = self.attn_dropout(attn_weights)
        attentioned = attn_weights.bmm(v)
        attentioned = attentioned.type_as(query).view(batch_size, n_heads, query_len, dim_per_head).transpose(1, 2).contiguous().view(batch_size, query_len, dim)
        return self.out_lin(attentioned)


attn = MultiHeadAttention(n_heads=2, dim=8)
x = torch.randn(2, 5, 8)
mask = torch.tensor([[1, 1, 1, 0, 0], [1, 1, 1, 1, 1]])
out = attn(x, mask=mask)
out.pow(2).mean().backward()
