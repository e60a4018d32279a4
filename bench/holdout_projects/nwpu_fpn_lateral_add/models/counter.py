import torch.nn as nn
import torch.nn.functional as F

from .fpn import FPN


class CountingNet(nn.Module):
    """Small stand-in for the MCC counter: 3-stage conv backbone, FPN neck, density head."""

    def __init__(self, widths=(8, 16, 32), neck=8):
        super().__init__()
        stages, c = [], 3
        for w in widths:
            stages.append(nn.Sequential(nn.Conv2d(c, w, 3, stride=2, padding=1), nn.BatchNorm2d(w), nn.ReLU()))
            c = w
        self.stages = nn.ModuleList(stages)
        self.neck = FPN(list(widths), neck)
        self.head = nn.Conv2d(neck, 1, 1)

    def forward(self, x):
        feats = []
        for stage in self.stages:
            x = stage(x)
            feats.append(x)
        outs = self.neck(feats)
        return F.relu(self.head(outs[0]))
