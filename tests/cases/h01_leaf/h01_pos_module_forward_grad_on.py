# case: the same EMA-style forward called with grad mode on: the in-place update of a parameter raises
import torch
import torch.nn as nn


class EMA(nn.Module):
    def __init__(self):
        super().__init__()
        self.shadow = nn.Parameter(torch.zeros(4))

    def forward(self, x):
        self.shadow.mul_(0.9)  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad
        return self.shadow


ema = EMA()
ema(torch.randn(2, 4))
