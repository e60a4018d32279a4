# case: a forward that updates its own parameter in place, called only under torch.no_grad() (an EMA): runs; a warning (another caller with grad on would fail), never an error
import torch
import torch.nn as nn


class EMA(nn.Module):
    def __init__(self):
        super().__init__()
        self.shadow = nn.Parameter(torch.zeros(4))

    def forward(self, x):
        self.shadow.mul_(0.9).add_(x.mean(0), alpha=0.1)  # expect: GG001
        return self.shadow


ema = EMA()
with torch.no_grad():
    ema(torch.randn(2, 4))
