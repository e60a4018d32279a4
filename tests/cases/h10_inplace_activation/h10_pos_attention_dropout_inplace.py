# case: attention module applies self.attn_drop = nn.Dropout(p, inplace=True) to softmax probabilities (saved by SoftmaxBackward)
import torch
import torch.nn as nn


class Attention(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.qkv = nn.Linear(d, 3 * d)
        self.attn_drop = nn.Dropout(0.1, inplace=True)
        self.scale = d ** -0.5

    def forward(self, x):
        q, k, v = self.qkv(x).chunk(3, dim=-1)
        attn = torch.softmax(q @ k.transpose(-2, -1) * self.scale, dim=-1)  # saver
        attn = self.attn_drop(attn)  # expect: GG002
        return attn @ v


torch.manual_seed(0)
layer = Attention(8)
layer.train()
layer(torch.randn(2, 5, 8)).sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
