# -*- coding: utf-8 -*-
import logging
import math

import torch
import torch.nn as nn

from models.common import SPP, BottleneckCSP, Concat, Conv, Focus
from utils.general import check_anchor_order
from utils.torch_utils import initialize_weights, model_info

logger = logging.getLogger(__name__)


class Model(nn.Module):
    def __init__(self, ch=3, nc=None):  # model, input channels, number of classes
        super(Model, self).__init__()

        self.ch = ch
        self.nc = nc
        self.anchors = [[10, 13, 16, 30, 33, 23], [30, 61, 62, 45, 59, 119], [116, 90, 156, 198, 373, 326]]

        # build the model
        self.backbone_self = backbone(ch)
        self.neck_self = neck()

        self.ch_head = [8, 16, 32]
        self.head_self = Detect(self.nc, self.anchors, self.ch_head)

        # strides and anchors
        if isinstance(self.head_self, Detect):
            s = 64  # 2x min stride
            ch_temp = 3
            self.head_self.stride = torch.tensor([s / x.shape[-2] for x in self.forward(torch.zeros(1, ch_temp, s, s))])
            self.head_self.anchors /= self.head_self.stride.view(-1, 1, 1)
            check_anchor_order(self.head_self)
            self.stride = self.head_self.stride
            self._initialize_biases()  # only run once

        # Init weights, biases
        initialize_weights(self)

    def forward(self, x):
        x, x_6, x_4 = self.backbone_self(x)
        x_list = self.neck_self(x, x_6, x_4)
        return self.head_self(x_list)

    def _initialize_biases(self, cf=None):  # initialize biases into Detect(), cf is class frequency
        m = self.head_self  # Detect() module
        for mi, s in zip(m.m, m.stride):
            b = mi.bias.view(m.na, -1)  # conv.bias(3*(nc+5)) to (3,nc+5)
            b[:, 4] += math.log(8 / (640 / s) ** 2)  # expect: GG001  # raises: RuntimeError: a view of a leaf Variable that requires grad is being used in an in-place operation
            b[:, 5:] += math.log(0.6 / (m.nc - 0.99)) if cf is None else torch.log(cf / cf.sum())  # expect: GG001
            mi.bias = torch.nn.Parameter(b.view(-1), requires_grad=True)

    def info(self, verbose=False):
        model_info(self, verbose)


class backbone(nn.Module):
    def __init__(self, inp_ch):
        super(backbone, self).__init__()
        self.focus = Focus(inp_ch, 4, 3)
        self.conv1 = Conv(4, 8, 3, 2)
        self.csp1 = BottleneckCSP(8, 8, 1, shortcut=True)
        self.conv2 = Conv(8, 16, 3, 2)
        self.csp2 = BottleneckCSP(16, 16, 1, shortcut=True)
        self.conv3 = Conv(16, 32, 3, 2)
        self.csp3 = BottleneckCSP(32, 32, 1, shortcut=True)
        self.conv4 = Conv(32, 64, 3, 2)
        self.spp = SPP(64, 64)
        self.csp4 = BottleneckCSP(64, 64, 1, shortcut=False)

    def forward(self, x):
        x_0 = self.focus(x)  # 0
        x_1 = self.conv1(x_0)  # 1
        x_2 = self.csp1(x_1)  # 2
        x_3 = self.conv2(x_2)  # 3
        x_4 = self.csp2(x_3)  # 4
        x_5 = self.conv3(x_4)  # 5
        x_6 = self.csp3(x_5)  # 6
        x_7 = self.conv4(x_6)  # 7
        x_8 = self.spp(x_7)  # 8
        out = self.csp4(x_8)  # 9
        return [out, x_6, x_4]


class neck(nn.Module):
    def __init__(self):
        super(neck, self).__init__()
        self.conv1 = Conv(64, 32, 1, 1)
        self.upsample1 = nn.Upsample(None, 2, "nearest")
        self.cat1 = Concat(dimension=1)
        self.csp1 = BottleneckCSP(64, 32, 1, shortcut=False)

        self.conv2 = Conv(32, 16, 1, 1)
        self.upsample2 = nn.Upsample(None, 2, "nearest")
        self.cat2 = Concat(dimension=1)
        self.csp2 = BottleneckCSP(32, 8, 1, shortcut=False)

        self.conv3 = Conv(8, 16, 3, 2)
        self.cat3 = Concat(dimension=1)
        self.csp3 = BottleneckCSP(32, 16, 1, shortcut=False)

        self.conv4 = Conv(16, 32, 3, 2)
        self.cat4 = Concat(dimension=1)
        self.csp4 = BottleneckCSP(64, 32, 1, shortcut=False)

    def forward(self, x, x_6, x_4):
        x_10 = self.conv1(x)  # 10
        x_11 = self.upsample1(x_10)  # 11
        x_12 = self.cat1([x_11, x_6])  # 12
        x_13 = self.csp1(x_12)  # 13

        x_14 = self.conv2(x_13)  # 14
        x_15 = self.upsample2(x_14)  # 15
        x_16 = self.cat2([x_15, x_4])  # 16
        x_17 = self.csp2(x_16)  # 17

        x_18 = self.conv3(x_17)  # 18
        x_19 = self.cat3([x_18, x_14])  # 19
        x_20 = self.csp3(x_19)  # 20

        x_21 = self.conv4(x_20)  # 21
        x_22 = self.cat4([x_21, x_10])  # 22
        x_23 = self.csp4(x_22)  # 23
        return [x_17, x_20, x_23]


class Detect(nn.Module):
    stride = None  # strides computed during build
    export = False  # onnx export

    def __init__(self, nc=80, anchors=(), ch=()):  # detection layer
        super(Detect, self).__init__()
        self.nc = nc  # number of classes
        self.no = nc + 5  # number of outputs per anchor
        self.nl = len(anchors)  # number of detection layers
        self.na = len(anchors[0]) // 2  # number of anchors
        self.grid = [torch.zeros(1)] * self.nl  # init grid
        a = torch.tensor(anchors).float().view(self.nl, -1, 2)
        self.register_buffer("anchors", a)  # shape(nl,na,2)
        self.register_buffer("anchor_grid", a.clone().view(self.nl, 1, -1, 1, 1, 2))  # shape(nl,1,na,1,1,2)
        self.m = nn.ModuleList(nn.Conv2d(x, self.no * self.na, 1) for x in ch)  # output conv

    def forward(self, x):
        z = []  # inference output
        self.training |= self.export
        for i in range(self.nl):
            x[i] = self.m[i](x[i])  # conv
            bs, _, ny, nx = x[i].shape  # x(bs,3*no,20,20) to x(bs,3,20,20,no)
            x[i] = x[i].view(bs, self.na, self.no, ny, nx).permute(0, 1, 3, 4, 2).contiguous()

            if not self.training:  # inference
                if self.grid[i].shape[2:4] != x[i].shape[2:4]:
                    self.grid[i] = self._make_grid(nx, ny).to(x[i].device)
                y = x[i].sigmoid()
                y[..., 0:2] = (y[..., 0:2] * 2.0 - 0.5 + self.grid[i].to(x[i].device)) * self.stride[i]  # xy
                y[..., 2:4] = (y[..., 2:4] * 2) ** 2 * self.anchor_grid[i]  # wh
                z.append(y.view(bs, -1, self.no))

        return x if self.training else (torch.cat(z, 1), x)

    @staticmethod
    def _make_grid(nx=20, ny=20):
        yv, xv = torch.meshgrid([torch.arange(ny), torch.arange(nx)], indexing="ij")
        return torch.stack((xv, yv), 2).view((1, 1, ny, nx, 2)).float()
