# case: YOLOv5 Model._initialize_biases writes the objectness/class priors into b = mi.bias.view(m.na, -1) by slice assignment in grad mode (view of a leaf Parameter)
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
            b[:, 4] = b[:, 4] + math.log(8 / (640 / s) ** 2)  # obj (8 objects per 640 image)  # expect: GG001  # raises: RuntimeError: a view of a leaf Variable that requires grad is being used in an in-place operation
            b[:, 5:] = b[:, 5:] + math.log(0.6 / (m.nc - 0.99)) if cf is None else torch.log(cf / cf.sum())  # cls  # expect: GG001
            mi.bias = torch.nn.Parameter(b.view(-1), requires_grad=True)


model = Model()
