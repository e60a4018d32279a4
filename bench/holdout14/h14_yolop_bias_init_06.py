# case: the lighter YOLOP variant of lib/models/light.py with the fix of commit 051ae2d carried over to its MCnet._initialize_biases (priors added through b.data[:, 4] and b.data[:, 5:]): the model builds and trains on detection + drivable-area + lane-line losses
# source: https://github.com/hustvl/YOLOP/issues/18
import math

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn import Upsample

torch.manual_seed(0)


def autopad(k, p=None):
    return k // 2 if p is None else p


class Hardswish(nn.Module):
    @staticmethod
    def forward(x):
        return x * F.hardtanh(x + 3, 0.0, 6.0) / 6.0


class Conv(nn.Module):
    def __init__(self, c1, c2, k=1, s=1, p=None, g=1, act=True):
        super().__init__()
        self.conv = nn.Conv2d(c1, c2, k, s, autopad(k, p), groups=g, bias=False)
        self.bn = nn.BatchNorm2d(c2)
        self.act = Hardswish() if act else nn.Identity()

    def forward(self, x):
        return self.act(self.bn(self.conv(x)))


class Bottleneck(nn.Module):
    def __init__(self, c1, c2, shortcut=True, g=1, e=0.5):
        super().__init__()
        c_ = int(c2 * e)
        self.cv1 = Conv(c1, c_, 1, 1)
        self.cv2 = Conv(c_, c2, 3, 1, g=g)
        self.add = shortcut and c1 == c2

    def forward(self, x):
        return x + self.cv2(self.cv1(x)) if self.add else self.cv2(self.cv1(x))


class BottleneckCSP(nn.Module):
    def __init__(self, c1, c2, n=1, shortcut=True, g=1, e=0.5):
        super().__init__()
        c_ = int(c2 * e)
        self.cv1 = Conv(c1, c_, 1, 1)
        self.cv2 = nn.Conv2d(c1, c_, 1, 1, bias=False)
        self.cv3 = nn.Conv2d(c_, c_, 1, 1, bias=False)
        self.cv4 = Conv(2 * c_, c2, 1, 1)
        self.bn = nn.BatchNorm2d(2 * c_)
        self.act = nn.LeakyReLU(0.1, inplace=True)
        self.m = nn.Sequential(*[Bottleneck(c_, c_, shortcut, g, e=1.0) for _ in range(n)])

    def forward(self, x):
        y1 = self.cv3(self.m(self.cv1(x)))
        y2 = self.cv2(x)
        return self.cv4(self.act(self.bn(torch.cat((y1, y2), dim=1))))


class SPP(nn.Module):
    def __init__(self, c1, c2, k=(5, 9, 13)):
        super().__init__()
        c_ = c1 // 2
        self.cv1 = Conv(c1, c_, 1, 1)
        self.cv2 = Conv(c_ * (len(k) + 1), c2, 1, 1)
        self.m = nn.ModuleList([nn.MaxPool2d(kernel_size=x, stride=1, padding=x // 2) for x in k])

    def forward(self, x):
        x = self.cv1(x)
        return self.cv2(torch.cat([x] + [m(x) for m in self.m], 1))


class Focus(nn.Module):
    def __init__(self, c1, c2, k=1, s=1, p=None, g=1, act=True):
        super().__init__()
        self.conv = Conv(c1 * 4, c2, k, s, p, g, act)

    def forward(self, x):
        return self.conv(torch.cat([x[..., ::2, ::2], x[..., 1::2, ::2], x[..., ::2, 1::2], x[..., 1::2, 1::2]], 1))


class Concat(nn.Module):
    def __init__(self, dimension=1):
        super().__init__()
        self.d = dimension

    def forward(self, x):
        return torch.cat(x, self.d)


class Detect(nn.Module):
    stride = None

    def __init__(self, nc=13, anchors=(), ch=()):
        super().__init__()
        self.nc, self.no, self.nl, self.na = nc, nc + 5, len(anchors), len(anchors[0]) // 2
        self.grid = [torch.zeros(1)] * self.nl
        a = torch.tensor(anchors).float().view(self.nl, -1, 2)
        self.register_buffer("anchors", a)
        self.register_buffer("anchor_grid", a.clone().view(self.nl, 1, -1, 1, 1, 2))
        self.m = nn.ModuleList(nn.Conv2d(x, self.no * self.na, 1) for x in ch)

    def forward(self, x):
        z = []
        for i in range(self.nl):
            x[i] = self.m[i](x[i])
            bs, _, ny, nx = x[i].shape
            x[i] = x[i].view(bs, self.na, self.no, ny * nx).permute(0, 1, 3, 2).view(bs, self.na, ny, nx, self.no).contiguous()
            if not self.training:
                if self.grid[i].shape[2:4] != x[i].shape[2:4]:
                    self.grid[i] = self._make_grid(nx, ny).to(x[i].device)
                y = x[i].sigmoid()
                y[..., 0:2] = (y[..., 0:2] * 2.0 - 0.5 + self.grid[i].to(x[i].device)) * self.stride[i]
                y[..., 2:4] = (y[..., 2:4] * 2) ** 2 * self.anchor_grid[i]
                z.append(y.view(bs, -1, self.no))
        return x if self.training else (torch.cat(z, 1), x)

    @staticmethod
    def _make_grid(nx=20, ny=20):
        yv, xv = torch.meshgrid([torch.arange(ny), torch.arange(nx)], indexing="ij")
        return torch.stack((xv, yv), 2).view((1, 1, ny, nx, 2)).float()


def check_anchor_order(m):
    a = m.anchor_grid.prod(-1).view(-1)
    da = a[-1] - a[0]
    ds = m.stride[-1] - m.stride[0]
    if da.sign() != ds.sign():
        m.anchors[:] = m.anchors.flip(0)
        m.anchor_grid[:] = m.anchor_grid.flip(0)


def initialize_weights(model):
    for m in model.modules():
        t = type(m)
        if t is nn.BatchNorm2d:
            m.eps = 1e-3
            m.momentum = 0.03
        elif t in [nn.Hardswish, nn.LeakyReLU, nn.ReLU, nn.ReLU6]:
            m.inplace = True


YOLOP_LIGHT = [
    [-1, Focus, [3, 8, 3]],  # 0
    [-1, Conv, [8, 16, 3, 2]],  # 1
    [-1, BottleneckCSP, [16, 16, 1]],  # 2
    [-1, Conv, [16, 32, 3, 2]],  # 3
    [-1, BottleneckCSP, [32, 32, 1]],  # 4
    [-1, Conv, [32, 32, 3, 2]],  # 5
    [-1, SPP, [32, 32, [3, 5]]],  # 6
    [-1, Conv, [32, 16, 1, 1]],  # 7
    [-1, Upsample, [None, 2, "nearest"]],  # 8
    [[-1, 4], Concat, [1]],  # 9
    [-1, BottleneckCSP, [48, 32, 1, False]],  # 10
    [-1, Conv, [32, 32, 3, 2]],  # 11
    [[10, 11], Detect, [13, [[3, 9, 5, 11, 4, 20], [19, 50, 38, 81, 68, 157]], [32, 32]]],  # 12 Detect output
    [9, Conv, [48, 16, 3, 1]],  # 13
    [-1, Upsample, [None, 2, "nearest"]],  # 14
    [[-1, 2], Concat, [1]],  # 15
    [-1, BottleneckCSP, [32, 8, 1, False]],  # 16
    [-1, Conv, [8, 3, 3, 1]],  # 17 Driving area segmentation output
    [9, Conv, [48, 16, 3, 1]],  # 18
    [-1, Upsample, [None, 2, "nearest"]],  # 19
    [[-1, 2], Concat, [1]],  # 20
    [-1, BottleneckCSP, [32, 8, 1, False]],  # 21
    [-1, Conv, [8, 2, 3, 1]],  # 22 Lane line segmentation output
]


class MCnet(nn.Module):
    def __init__(self, block_cfg, **kwargs):
        super().__init__()
        layers, save = [], []
        self.nc = 13
        self.detector_index = -1
        self.Da_out_idx = 17
        for i, (from_, block, args) in enumerate(block_cfg):
            block = eval(block) if isinstance(block, str) else block
            if block is Detect:
                self.detector_index = i
            block_ = block(*args)
            block_.index, block_.from_ = i, from_
            layers.append(block_)
            save.extend(x % i for x in ([from_] if isinstance(from_, int) else from_) if x != -1)
        self.model, self.save = nn.Sequential(*layers), sorted(save)
        self.names = [str(i) for i in range(self.nc)]
        Detector = self.model[self.detector_index]
        if isinstance(Detector, Detect):
            s = 64  # 2x min stride
            with torch.no_grad():
                detects, _, _ = self.forward(torch.zeros(1, 3, s, s))
                Detector.stride = torch.tensor([s / x.shape[-2] for x in detects])
            Detector.anchors /= Detector.stride.view(-1, 1, 1)
            check_anchor_order(Detector)
            self.stride = Detector.stride
            self._initialize_biases()
        initialize_weights(self)

    def forward(self, x):
        cache = []
        out = []
        for i, block in enumerate(self.model):
            if block.from_ != -1:
                x = cache[block.from_] if isinstance(block.from_, int) else [x if j == -1 else cache[j] for j in block.from_]
            x = block(x)
            if isinstance(block, Detect):
                out.append(x)
            if i == self.Da_out_idx:
                m = nn.Sigmoid()
                out.append(m(x))
            cache.append(x if block.index in self.save else None)
        m = nn.Sigmoid()
        out.append(m(x))
        return out

    def _initialize_biases(self, cf=None):
        m = self.model[self.detector_index]
        for mi, s in zip(m.m, m.stride):
            b = mi.bias.view(m.na, -1)
            b.data[:, 4] += math.log(8 / (640 / s) ** 2)
            b.data[:, 5:] += math.log(0.6 / (m.nc - 0.99)) if cf is None else torch.log(cf / cf.sum())


def get_net(cfg, **kwargs):
    return MCnet(YOLOP_LIGHT, **kwargs)


def multi_head_loss(predictions, targets):
    det_out, da_seg, ll_seg = predictions
    det_targets, da_target, ll_target = targets
    lobj = sum(F.binary_cross_entropy_with_logits(p[..., 4], t) for p, t in zip(det_out, det_targets))
    return lobj + F.binary_cross_entropy(da_seg, da_target.repeat(1, 2, 1, 1)[:, :3]) + F.binary_cross_entropy(ll_seg, ll_target)


model = get_net(None)
optimizer = torch.optim.SGD(model.parameters(), lr=1e-3, momentum=0.937)
model.train()
for step in range(2):
    img = torch.randn(2, 3, 32, 32)
    det_targets = [torch.randint(0, 2, (2, 3, 4, 4)).float(), torch.randint(0, 2, (2, 3, 2, 2)).float()]
    seg_targets = torch.randint(0, 2, (2, 2, 8, 8)).float()
    outputs = model(img)
    total_loss = multi_head_loss(outputs, (det_targets, seg_targets, seg_targets))
    optimizer.zero_grad()
    total_loss.backward()
    optimizer.step()
