# case: a unit's nn.ReLU(inplace=True) rectifies its input in place and the unit's result is discarded (for x in xs: x = unit(x)); the block then applies its own in-place ReLU to xs[0], the same tensor, whose history now runs through the unit's ReLU that saved it
import torch
import torch.nn as nn


class Unit(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(2, 2, 3, padding=1)
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x):
        out = self.relu(x)  # saver
        return self.conv(out) + x


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.unit0 = Unit()
        self.relu = nn.ReLU(inplace=True)

    def forward(self, *xs):
        for i, x in enumerate(xs):
            x = self.__getattr__(f"unit{i}")(x)
        out = self.relu(xs[0])  # expect: GG002
        return out * 2


net = Block()
features = nn.Conv2d(2, 2, 1)(torch.randn(1, 2, 4, 4))
loss = net(features).sum()
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
