# case: the fix suggested in the thread: the same bias-prior writes wrapped in torch.no_grad() (`b[:, 4] += ...`), then the bias is re-wrapped as a Parameter; a training step runs cleanly
# source: https://github.com/DataXujing/YOLO-v5/issues/23
import math

import torch
import torch.nn as nn


class Detect(nn.Module):
    def __init__(self, nc=3, anchors=((10, 13, 16, 30, 33, 23), (30, 61, 62, 45, 59, 119)), ch=(4, 8)):
        super(Detect, self).__init__()
        self.nc = nc  # number of classes
        self.no = nc + 5  # number of outputs per anchor
        self.nl = len(anchors)  # number of detection layers
        self.na = len(anchors[0]) // 2  # number of anchors
        self.m = nn.ModuleList(nn.Conv2d(x, self.no * self.na, 1) for x in ch)  # output conv
        self.stride = torch.tensor([8., 16.])


class Model(nn.Module):
    def __init__(self, nc=3):
        super(Model, self).__init__()
        self.model = nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), Detect(nc=nc))
        self._initialize_biases()  # only run once

    def _initialize_biases(self, cf=None):  # initialize biases into Detect(), cf is class frequency
        m = self.model[-1]  # Detect() module
        for mi, s in zip(m.m, m.stride):  # from
            b = mi.bias.view(m.na, -1)  # conv.bias(255) to (3,85)
            with torch.no_grad():
                b[:, 4] += math.log(8 / (640 / s) ** 2)  # obj (8 objects per 640 image)
                b[:, 5:] += math.log(0.6 / (m.nc - 0.99)) if cf is None else torch.log(cf / cf.sum())  # cls
            mi.bias = torch.nn.Parameter(b.view(-1), requires_grad=True)


model = Model()
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
x = torch.randn(2, 3, 8, 8)
feat = model.model[0](x)
det = model.model[1]
loss = sum(conv(feat if i == 0 else torch.cat([feat, feat], 1)).sigmoid().mean() for i, conv in enumerate(det.m))
loss.backward()
optimizer.step()
