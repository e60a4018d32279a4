# case: an hourglass network whose blocks nest (each block's forward calls the inner block it was given, the innermost is a lighting head); the lighting head writes its features into a slice of its input, which the previous block's final ReLU saved for backward
import torch
import torch.nn as nn
import torch.nn.functional as F


class BasicBlock(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, 1, 1)
        self.bn = nn.BatchNorm2d(cout)

    def forward(self, x):
        return F.relu(self.bn(self.conv(x)))  # saver


class LightHead(nn.Module):
    def __init__(self, nc):
        super().__init__()
        self.nc = nc
        self.fc = nn.Conv2d(nc, nc, 1)

    def forward(self, feat, light):
        up = self.fc(light).repeat(1, 1, feat.shape[2], feat.shape[3])
        feat[:, 0 : self.nc] = up  # expect: GG002
        return feat


class HourglassBlock(nn.Module):
    def __init__(self, cin, cmid, inner):
        super().__init__()
        self.down = nn.MaxPool2d(2)
        self.low1 = BasicBlock(cin, cmid)
        self.inner = inner
        self.low2 = BasicBlock(cmid, cin)
        self.up = nn.Upsample(scale_factor=2)

    def forward(self, x, light):
        y = self.low1(self.down(x))
        y = self.inner(y, light)
        return x + self.up(self.low2(y))


head = LightHead(2)
hg0 = HourglassBlock(8, 4, head)
hg1 = HourglassBlock(8, 8, hg0)
net = HourglassBlock(8, 8, hg1)
x = torch.randn(1, 8, 16, 16)
light = torch.randn(1, 2, 1, 1)
net(x, light).sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
