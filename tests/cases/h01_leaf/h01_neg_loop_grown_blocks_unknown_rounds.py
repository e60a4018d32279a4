# case: a list of blocks started with a conv block and grown by append in a loop whose count is read at run time; the blocks that apply LeakyReLU(inplace=True) first only see conv outputs, never the leaf input, so nothing raises (the grown list's order must not be lost to its last items)
import os

import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, act_first):
        super().__init__()
        self.act_first = act_first
        self.act = nn.LeakyReLU(0.2, inplace=True)
        self.conv = nn.Conv2d(3, 3, 1)

    def forward(self, x):
        if self.act_first:
            x = self.act(x)
        return self.conv(x)


layers = [Block(False)]
for _ in range(int(os.environ.get("EXTRA_BLOCKS", "2"))):
    layers.append(Block(True))
net = nn.Sequential(*layers)
x = torch.randn(1, 3, 4, 4, requires_grad=True)
net(x).sum().backward()
print(x.grad.shape)
