# case: look-alike: the same config-built detector whose bias prior is added through the bias's `.data` (as YOLO repositories do), which autograd does not track
import math

import torch
import torch.nn as nn
from torch.nn import Upsample


class Conv(nn.Module):
    def __init__(self, c1, c2, k=1):
        super().__init__()
        self.conv = nn.Conv2d(c1, c2, k, 1, k // 2)
        self.act = nn.SiLU()

    def forward(self, x):
        return self.act(self.conv(x))


class Concat(nn.Module):
    def __init__(self, dim=1):
        super().__init__()
        self.d = dim

    def forward(self, x):
        return torch.cat(x, self.d)


class Head(nn.Module):
    def __init__(self, na, nc, ch):
        super().__init__()
        self.na, self.no = na, nc + 5
        self.m = nn.ModuleList(nn.Conv2d(c, self.na * self.no, 1) for c in ch)

    def forward(self, xs):
        return [conv(x) for conv, x in zip(self.m, xs)]


CFG = [
    [17],
    [-1, Conv, [3, 8, 3]],
    [-1, Conv, [8, 8, 3]],
    [-1, Conv, [8, 8, 1]],
    [-1, Conv, [8, 8, 3]],
    [-1, Conv, [8, 8, 1]],
    [-1, Conv, [8, 8, 3]],
    [-1, Conv, [8, 8, 1]],
    [-1, Upsample, [None, 1, "nearest"]],
    [-1, Conv, [8, 8, 3]],
    [-1, Conv, [8, 8, 1]],
    [-1, Conv, [8, 8, 3]],
    [-1, Conv, [8, 8, 1]],
    [-1, Conv, [8, 8, 3]],
    [-1, Conv, [8, 8, 1]],
    [[-1, 5], Concat, [1]],
    [-1, Conv, [16, 8, 3]],
    [-1, Conv, [8, 8, 1]],
    [[16, 17], Head, [3, 2, [8, 8]]],
]


class Model(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        layers = []
        self.head_index = -1
        for i, (from_, block, args) in enumerate(cfg[1:]):
            if block is Head:
                self.head_index = i
            layer = block(*args)
            layer.from_ = from_
            layers.append(layer)
        self.model = nn.Sequential(*layers)
        self._initialize_biases()

    def _initialize_biases(self):
        head = self.model[self.head_index]
        for conv in head.m:
            b = conv.bias.data.view(head.na, -1)
            b[:, 4] += math.log(8 / 640)


model = Model(CFG)
