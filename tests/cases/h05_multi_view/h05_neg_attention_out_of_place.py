# case: attention module scales q out of place after qkv.chunk(3)
import torch
import torch.nn as nn


class Attn(nn.Module):
    def __init__(self, d=4):
        super().__init__()
        self.qkv = nn.Linear(d, 3 * d)
        self.scale = d ** -0.5

    def forward(self, x):
        q, k, v = self.qkv(x).chunk(3, dim=-1)
        q = q * self.scale
        return torch.softmax(q @ k.transpose(-2, -1), dim=-1) @ v


Attn()(torch.randn(2, 5, 4)).sum().backward()
