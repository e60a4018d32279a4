import torch
import torch.nn as nn

from . import ops


class Block(nn.Module):
    """Information-distillation style block: the conv output is split into a kept part and a part refined further."""

    def __init__(self, channels=8, distill=2):
        super().__init__()
        self.distill = distill
        self.c1 = nn.Conv2d(channels, channels, 3, 1, 1)
        self.c2 = nn.Conv2d(channels - distill, channels, 3, 1, 1)
        self.ReLU = nn.ReLU(inplace=True)
        self.fuse = nn.Conv2d(channels + distill, channels, 1)

    def forward(self, x):
        x1 = self.c1(x)
        dis1, remain1 = torch.split(x1, (self.distill, x1.size(1) - self.distill), dim=1)
        out1_r = self.ReLU(remain1)
        out2 = self.ReLU(self.c2(out1_r))
        return x + self.fuse(torch.cat([dis1, out2], dim=1))


class Net(nn.Module):
    def __init__(self, channels=8, n_blocks=2):
        super().__init__()
        self.sub_mean = ops.MeanShift((0.4488, 0.4371, 0.4040), sub=True)
        self.add_mean = ops.MeanShift((0.4488, 0.4371, 0.4040), sub=False)
        self.entry = nn.Conv2d(3, channels, 3, 1, 1)
        self.b1 = Block(channels)
        self.b2 = Block(channels)
        self.upsample = ops.UpsampleBlock(channels, scale=2)
        self.exit = nn.Conv2d(channels, 3, 3, 1, 1)

    def forward(self, x, scale):
        x = self.sub_mean(x)
        x1 = self.entry(x)
        b1 = self.b1(x1)
        b2 = self.b2(b1)
        out = self.upsample(b2 + x1, scale=scale)
        return self.add_mean(self.exit(out))
