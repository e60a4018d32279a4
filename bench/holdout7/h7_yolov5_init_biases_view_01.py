# source: https://github.com/gengyanlei/fire-smoke-detect-yolov4/issues/33
# case: YOLOv5 Model._initialize_biases: each Detect conv bias is reshaped with `mi.bias.view(m.na, -1)` and the objectness and class rows are raised in place (`b[:, 4] += ...`) with grad mode on; b is a view of a Parameter, so the write fails when the model is built
import math

import torch
import torch.nn as nn

torch.manual_seed(0)


class Detect(nn.Module):
    def __init__(self, nc=2, anchors=((10, 13, 16, 30), (30, 61, 62, 45)), ch=(8, 16)):
        super().__init__()
        self.nc = nc
        self.no = nc + 5
        self.nl = len(anchors)
        self.na = len(anchors[0]) // 2
        self.stride = torch.tensor([8.0, 16.0])
        self.m = nn.ModuleList(nn.Conv2d(x, self.no * self.na, 1) for x in ch)

    def forward(self, x):
        return [self.m[i](x[i]) for i in range(self.nl)]


class Model(nn.Module):
    def __init__(self, nc=2):
        super().__init__()
        self.backbone = nn.ModuleList([nn.Conv2d(3, 8, 3, 2, 1), nn.Conv2d(8, 16, 3, 2, 1)])
        self.model = nn.ModuleList([*self.backbone, Detect(nc)])
        self._initialize_biases()

    def forward(self, x):
        feats = []
        for conv in self.backbone:
            x = conv(x)
            feats.append(x)
        return self.model[-1](feats)

    def _initialize_biases(self, cf=None):
        m = self.model[-1]  # Detect() module
        for mi, s in zip(m.m, m.stride):
            b = mi.bias.view(m.na, -1)  # conv.bias(14) to (2,7)
            b[:, 4] += math.log(8 / (640 / s) ** 2)  # expect: GG001  # raises: RuntimeError: a view of a leaf Variable that requires grad is being used in an in-place operation
            b[:, 5:] += math.log(0.6 / (m.nc - 0.99)) if cf is None else torch.log(cf / cf.sum())  # expect: GG001
            mi.bias = torch.nn.Parameter(b.view(-1), requires_grad=True)


model = Model()
out = model(torch.randn(1, 3, 16, 16))
sum(o.pow(2).mean() for o in out).backward()
