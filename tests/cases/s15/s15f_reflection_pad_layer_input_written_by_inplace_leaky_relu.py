# case: a down-sampling block pads its input with nn.ReflectionPad2d (which keeps that input for backward) for the shortcut convolution, then runs its pre-activation, an in-place LeakyReLU, on the same input
import torch
import torch.nn as nn


class DownBlock(nn.Module):
    def __init__(self, c_in, c_out):
        super().__init__()
        self.pad = nn.ReflectionPad2d(1)
        self.shortcut = nn.Conv2d(c_in, c_out, 3, 2)
        self.act = nn.LeakyReLU(0.2, inplace=True)
        self.conv = nn.Conv2d(c_in, c_out, 3, 2, 1)

    def forward(self, x):
        identity = self.shortcut(self.pad(x))  # saver
        out = self.act(x)  # expect: GG002
        return self.conv(out) + identity


stem = nn.Conv2d(3, 4, 3, padding=1)
block = DownBlock(4, 8)
block(stem(torch.randn(1, 3, 8, 8))).sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
