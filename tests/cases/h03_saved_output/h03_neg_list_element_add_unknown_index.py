# case: the same top-down pass written out of place runs cleanly
import torch
import torch.nn as nn
import torch.nn.functional as F


class Neck(nn.Module):
    def __init__(self):
        super().__init__()
        self.lateral = nn.ModuleList([nn.Conv2d(2, 2, 1) for _ in range(3)])

    def forward(self, feats):
        laterals = [F.relu(conv(f)) for f, conv in zip(feats, self.lateral)]
        for i in range(len(laterals) - 1, 0, -1):
            laterals[i - 1] = laterals[i - 1] + F.interpolate(laterals[i], size=laterals[i - 1].shape[2:])
        return laterals[0]


torch.manual_seed(0)
feats = [torch.randn(1, 2, 8 // 2**k, 8 // 2**k) for k in range(3)]
Neck()(feats).sum().backward()
