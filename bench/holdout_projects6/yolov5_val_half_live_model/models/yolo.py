import torch
import torch.nn as nn

from models.common import Bottleneck, Conv
from utils.torch_utils import fuse_conv_and_bn


class Detect(nn.Module):
    def __init__(self, nc=2, na=3, ch=(8,)):
        super().__init__()
        self.nc = nc
        self.no = nc + 5
        self.na = na
        self.m = nn.ModuleList(nn.Conv2d(x, self.no * self.na, 1) for x in ch)

    def forward(self, x):
        out = []
        for i, xi in enumerate(x):
            bs, _, ny, nx = xi.shape
            out.append(self.m[i](xi).view(bs, self.na, self.no, ny, nx).permute(0, 1, 3, 4, 2).contiguous())  # expect: GG006
        return out


class Model(nn.Module):
    def __init__(self, nc=2):
        super().__init__()
        self.model = nn.Sequential(Conv(3, 8, 3, 2), Bottleneck(8, 8), Conv(8, 8, 3, 2))
        self.detect = Detect(nc=nc, ch=(8,))

    def forward(self, x):
        return self.detect([self.model(x)])

    def fuse(self):
        print("Fusing layers... ")
        for m in self.model.modules():
            if isinstance(m, Conv) and hasattr(m, "bn"):
                m.conv = fuse_conv_and_bn(m.conv, m.bn)
                delattr(m, "bn")
                m.forward = m.forward_fuse
        return self


class ComputeLoss:
    def __call__(self, p, targets):
        lobj = torch.zeros(1)
        for pi in p:
            tobj = torch.zeros_like(pi[..., 4])
            lobj = lobj + nn.functional.binary_cross_entropy_with_logits(pi[..., 4], tobj)
        lbox = sum((pi[..., :4] - targets.mean()).pow(2).mean() for pi in p)
        return lobj + lbox
