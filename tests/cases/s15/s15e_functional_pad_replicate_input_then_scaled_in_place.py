# case: a convolution block pads its input with `F.pad(..., mode="replicate")`, which keeps that input for backward; the block then scales the same input in place to build its skip branch
import torch
import torch.nn as nn
import torch.nn.functional as F


class PaddedConv(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.proj = nn.Conv2d(channels, channels, 1)
        self.conv = nn.Conv2d(channels, channels, 3)

    def forward(self, x):
        h = self.proj(x)
        out = self.conv(F.pad(h, (1, 1, 1, 1), mode="replicate"))  # saver
        skip = h.mul_(0.5)  # expect: GG002
        return out + skip


block = PaddedConv(2)
block(torch.randn(1, 2, 6, 6)).sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
