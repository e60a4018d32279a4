# source: https://github.com/opendilab/DI-engine/issues/333
# case: look-alike from the same module: `ScaledDotProductAttention` scales the queries out of place and masks the score matrix in place (`attn.masked_fill_(~mask, -1e9)`) before the softmax; nothing saved the matmul output, so training runs
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


def fc_block(in_channels, out_channels, activation=None):
    layers = [nn.Linear(in_channels, out_channels)]
    if activation is not None:
        layers.append(activation)
    return nn.Sequential(*layers)


class ScaledDotProductAttention(nn.Module):
    def __init__(self, d_k, dropout=0.0):
        super().__init__()
        self.d_k = d_k
        self.dropout = nn.Dropout(dropout)

    def forward(self, q, k, v, mask=None):
        attn = torch.matmul(q / (self.d_k**0.5), k.transpose(2, 3))
        if mask is not None:
            attn.masked_fill_(~mask, -1e9)
        attn = self.dropout(F.softmax(attn, dim=-1))
        return torch.matmul(attn, v)


class Attention(nn.Module):
    def __init__(self, input_dim, head_dim, output_dim, head_num, dropout):
        super().__init__()
        self.head_num = head_num
        self.head_dim = head_dim
        self.dropout = dropout
        self.attention_pre = fc_block(input_dim, head_dim * head_num * 3)
        self.project = fc_block(head_dim * head_num, output_dim)
        self.sdpa = ScaledDotProductAttention(head_dim)

    def split(self, x, T=False):
        B, N = x.shape[:2]
        x = x.view(B, N, self.head_num, self.head_dim)
        x = x.permute(0, 2, 1, 3).contiguous()
        if T:
            x = x.permute(0, 1, 3, 2).contiguous()
        return x

    def forward(self, x, mask=None):
        B, N = x.shape[:2]
        x = self.attention_pre(x)
        query, key, value = torch.chunk(x, 3, dim=2)
        query, key, value = self.split(query), self.split(key, T=True), self.split(value)
        attention = self.sdpa(query, key.transpose(2, 3), value, mask)
        attention = attention.permute(0, 2, 1, 3).contiguous()
        return self.project(attention.view(B, N, -1))


class TransformerLayer(nn.Module):
    def __init__(self, input_dim, head_dim, hidden_dim, output_dim, head_num, dropout, activation):
        super().__init__()
        self.attention = Attention(input_dim, head_dim, output_dim, head_num, dropout)
        self.layernorm1 = nn.LayerNorm(output_dim)
        self.dropout = dropout
        self.mlp = nn.Sequential(fc_block(output_dim, hidden_dim, activation=activation), fc_block(hidden_dim, output_dim))
        self.layernorm2 = nn.LayerNorm(output_dim)

    def forward(self, inputs):
        x, mask = inputs
        a = self.dropout(self.attention(x, mask))
        x = self.layernorm1(x + a)
        m = self.dropout(self.mlp(x))
        x = self.layernorm2(x + m)
        return x, mask


class Transformer(nn.Module):
    def __init__(self, input_dim, head_dim=4, hidden_dim=16, output_dim=8, head_num=2, layer_num=2):
        super().__init__()
        self.embedding = fc_block(input_dim, output_dim, activation=nn.ReLU())
        self.dropout = nn.Dropout(0.0)
        self.main = nn.Sequential(
            *[TransformerLayer(output_dim, head_dim, hidden_dim, output_dim, head_num, self.dropout, nn.ReLU()) for _ in range(layer_num)]
        )

    def forward(self, x, mask=None):
        if mask is not None:
            mask = mask.unsqueeze(dim=1).repeat(1, mask.shape[1], 1).unsqueeze(dim=1)
        x = self.embedding(x)
        x = self.dropout(x)
        x, mask = self.main((x, mask))
        return x


encoder = Transformer(input_dim=5)
value_head = nn.Linear(8, 1)
optimizer = torch.optim.Adam(list(encoder.parameters()) + list(value_head.parameters()), lr=1e-3)
entities = torch.randn(3, 4, 5)
entity_mask = torch.tensor([[1, 1, 1, 0], [1, 1, 0, 0], [1, 1, 1, 1]], dtype=torch.bool)
returns = torch.randn(3, 1)
for _ in range(2):
    emb = encoder(entities, entity_mask)
    value = value_head((emb * entity_mask.unsqueeze(-1)).sum(1) / entity_mask.sum(1, keepdim=True))
    loss = F.mse_loss(value, returns)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
print(loss.item())
