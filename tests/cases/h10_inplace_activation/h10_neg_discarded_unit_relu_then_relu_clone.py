# case: clean twin: the block rectifies a copy (xs[0].clone()) in place, so the tensor the unit's ReLU saved is left as it was
import torch
import torch.nn as nn


class Unit(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(2, 2, 3, padding=1)
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x):
        out = self.relu(x)
        return self.conv(out) + x


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.unit0 = Unit()
        self.relu = nn.ReLU(inplace=True)

    def forward(self, *xs):
        for i, x in enumerate(xs):
            x = self.__getattr__(f"unit{i}")(x)
        out = self.relu(xs[0].clone())
        return out * 2


net = Block()
features = nn.Conv2d(2, 2, 1)(torch.randn(1, 2, 4, 4))
loss = net(features).sum()
loss.backward()
