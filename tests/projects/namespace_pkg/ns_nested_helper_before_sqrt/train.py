# case: lib/ops/ namespace helper jitters the softplus variance in place before sqrt: softplus saved its input
import torch
import torch.nn.functional as F
from torch import nn

from lib.ops.noise import jitter_


class ScaleNet(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.var = nn.Linear(3, 3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        std = torch.sqrt(jitter_(F.softplus(self.var(x)), 0.01))
        return std


torch.manual_seed(0)
net = ScaleNet()
net(torch.randn(2, 3)).sum().backward()
