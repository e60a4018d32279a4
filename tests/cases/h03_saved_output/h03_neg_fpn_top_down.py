# case: the FPN top-down pass written out of place (mmdetection's form): runs
import torch
import torch.nn as nn
import torch.nn.functional as F


class FPN(nn.Module):
    def __init__(self):
        super().__init__()
        self.lateral_convs = nn.ModuleList([nn.Conv2d(4, 4, 1) for _ in range(3)])

    def forward(self, feats):
        laterals = [F.relu(conv(f)) for conv, f in zip(self.lateral_convs, feats)]
        for i in range(len(laterals) - 1, 0, -1):
            laterals[i - 1] = laterals[i - 1] + F.interpolate(
                laterals[i], size=laterals[i - 1].shape[2:]
            )
        return laterals


fpn = FPN()
feats = [torch.randn(1, 4, 16, 16), torch.randn(1, 4, 8, 8), torch.randn(1, 4, 4, 4)]
outs = fpn(feats)
sum(o.sum() for o in outs).backward()
