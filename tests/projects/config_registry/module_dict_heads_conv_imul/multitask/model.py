import torch.nn as nn

from .heads import build_head


class MultiTaskNet(nn.Module):
    """One trunk, one head per task, the heads built from a {task: config} dict."""

    def __init__(self, in_channels, width, heads):
        super().__init__()
        self.trunk = nn.Conv2d(in_channels, width, 3, padding=1)
        self.heads = nn.ModuleDict({task: build_head(cfg, width) for task, cfg in heads.items()})

    def forward(self, x):
        feat = self.trunk(x).relu()
        return {task: head(feat) for task, head in self.heads.items()}
