import torch
import torch.nn.functional as F
from torch import nn

from .mclm import MCLM
from .utils import image2patches


def make_cbr(in_dim, out_dim):
    return nn.Sequential(nn.Conv2d(in_dim, out_dim, kernel_size=3, padding=1), nn.BatchNorm2d(out_dim), nn.PReLU())


class MVANet(nn.Module):
    def __init__(self, emb_dim=16):
        super().__init__()
        self.backbone = nn.Sequential(nn.Conv2d(3, emb_dim, 4, stride=4), make_cbr(emb_dim, emb_dim))
        self.multifieldcrossatt = MCLM(emb_dim, 1)
        self.output = nn.Conv2d(emb_dim, 1, kernel_size=3, padding=1)

        for m in self.modules():
            if isinstance(m, nn.ReLU) or isinstance(m, nn.Dropout):
                m.inplace = True

    def forward(self, x):
        glb = F.interpolate(x, scale_factor=0.5, mode="bilinear")
        loc = image2patches(x)
        feats = self.backbone(torch.cat((loc, glb), dim=0))  # (4b + b, c, h, w)
        n, c, h, w = feats.shape
        b = n // 5
        loc_tokens = feats[: 4 * b].permute(2, 3, 0, 1).reshape(h * w * 4, b, c)
        glb_tokens = feats[4 * b:].flatten(2).permute(2, 0, 1)
        _, glb_tokens = self.multifieldcrossatt(loc_tokens, glb_tokens)
        glb_map = glb_tokens.permute(1, 2, 0).reshape(b, c, h, w)
        out = self.output(glb_map)
        return F.interpolate(out, size=x.shape[-2:], mode="bilinear")
