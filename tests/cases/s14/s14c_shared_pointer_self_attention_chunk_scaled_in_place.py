# case: fairseq-style multi-head attention that picks its input projection by comparing storage pointers (`query.data_ptr() == key.data_ptr() == value.data_ptr()`); called for self-attention with one tensor thrice, it projects q, k, v with one linear map split by `chunk`, and scaling q in place writes an output of a multi-view op
import torch
import torch.nn as nn
import torch.nn.functional as F


class MultiheadAttention(nn.Module):
    def __init__(self, embed_dim, num_heads):
        super().__init__()
        self.num_heads = num_heads
        self.head_dim = embed_dim // num_heads
        self.scaling = self.head_dim**-0.5
        self.in_proj_weight = nn.Parameter(torch.randn(3 * embed_dim, embed_dim) * 0.02)
        self.in_proj_bias = nn.Parameter(torch.zeros(3 * embed_dim))
        self.out_proj = nn.Linear(embed_dim, embed_dim)

    def forward(self, query, key, value):
        qkv_same = query.data_ptr() == key.data_ptr() == value.data_ptr()
        kv_same = key.data_ptr() == value.data_ptr()
        tgt_len, bsz, embed_dim = query.size()
        if qkv_same:
            q, k, v = self._in_proj(query).chunk(3, dim=-1)
        elif kv_same:
            q = self._in_proj(query, end=embed_dim)
            k, v = self._in_proj(key, start=embed_dim).chunk(2, dim=-1)
        else:
            q = self._in_proj(query, end=embed_dim)
            k = self._in_proj(key, start=embed_dim, end=2 * embed_dim)
            v = self._in_proj(value, start=2 * embed_dim)
        q *= self.scaling  # expect: GG003  # raises: RuntimeError: Output 0 of Split is a view and is being modified inplace
        q = q.contiguous().view(tgt_len, bsz * self.num_heads, self.head_dim).transpose(0, 1)
        k = k.contiguous().view(-1, bsz * self.num_heads, self.head_dim).transpose(0, 1)
        v = v.contiguous().view(-1, bsz * self.num_heads, self.head_dim).transpose(0, 1)
        attn = torch.softmax(torch.bmm(q, k.transpose(1, 2)), dim=-1)
        out = torch.bmm(attn, v).transpose(0, 1).contiguous().view(tgt_len, bsz, embed_dim)
        return self.out_proj(out)

    def _in_proj(self, x, start=0, end=None):
        return F.linear(x, self.in_proj_weight[start:end, :], self.in_proj_bias[start:end])


attn = MultiheadAttention(8, 2)
x = torch.randn(5, 2, 8)
attn(x, x, x).sum().backward()
