# case: the same block padding with nn.ZeroPad2d, which keeps nothing of its input for backward: the in-place pre-activation of the input is safe here
import torch
import torch.nn as nn


class DownBlock(nn.Module):
    def __init__(self, c_in, c_out):
        super().__init__()
        self.pad = nn.ZeroPad2d(1)
        self.shortcut = nn.Conv2d(c_in, c_out, 3, 2)
        self.act = nn.LeakyReLU(0.2, inplace=True)
        self.conv = nn.Conv2d(c_in, c_out, 3, 2, 1)

    def forward(self, x):
        identity = self.shortcut(self.pad(x))
        out = self.act(x)
        return self.conv(out) + identity


stem = nn.Conv2d(3, 4, 3, padding=1)
block = DownBlock(4, 8)
block(stem(torch.randn(1, 3, 8, 8))).sum().backward()
