# source: https://github.com/pytorch/pytorch/issues/36403
# case: the same attention block with the scaling out of place (`q = q * self.scale`): the chunk outputs are only read
import torch
import torch.nn as nn

torch.manual_seed(0)


class Attention(nn.Module):
    def __init__(self, dim=8, heads=2):
        super().__init__()
        self.heads = heads
        self.scale = (dim // heads) ** -0.5
        self.to_qkv = nn.Linear(dim, dim * 3, bias=False)
        self.to_out = nn.Linear(dim, dim)

    def split_heads(self, t):
        b, n, d = t.shape
        return t.reshape(b, n, self.heads, d // self.heads).transpose(1, 2)

    def forward(self, x):
        q, k, v = self.to_qkv(x).chunk(3, dim=-1)
        q = q * self.scale
        q, k, v = map(self.split_heads, (q, k, v))
        attn = (q @ k.transpose(-2, -1)).softmax(dim=-1)
        out = (attn @ v).transpose(1, 2).reshape(x.shape)
        return self.to_out(out)


block = Attention()
out = block(torch.randn(2, 5, 8))
out.pow(2).mean().backward()
