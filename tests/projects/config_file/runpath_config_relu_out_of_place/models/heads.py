import torch
import torch.nn as nn

from core.registry import MODELS


@MODELS.register_module()
class HeadedNet(nn.Module):
    def __init__(self, in_channels, heads):
        super().__init__()
        self.heads = heads
        for name, spec in heads.items():
            layers = nn.Sequential(nn.Linear(in_channels, spec["channels"]), nn.Sigmoid(), nn.ReLU(**spec["act"]))
            self.__setattr__(name, layers)

    def forward(self, x):
        out = {}
        for name in self.heads:
            out[name] = self.__getattr__(name)(x)
        return [out]
