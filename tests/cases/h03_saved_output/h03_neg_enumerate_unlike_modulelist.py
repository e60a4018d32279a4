# case: the same fusion with the out-of-place unsqueeze runs cleanly
import torch
import torch.nn as nn


class Fuse(nn.Module):
    def __init__(self):
        super().__init__()
        self.branches = nn.ModuleList([nn.Conv2d(1, 2, 3, padding=1), nn.Sequential(nn.Conv2d(1, 2, 1), nn.ReLU())])

    def forward(self, x):
        for i, branch in enumerate(self.branches):
            fea = branch(x).unsqueeze(dim=1)
            feas = fea if i == 0 else torch.cat([feas, fea], dim=1)
        return feas.sum(dim=1)


torch.manual_seed(0)
Fuse()(torch.randn(1, 1, 4, 4)).sum().backward()
