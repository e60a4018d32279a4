# case: helper in nested namespace dirs lib/ops/ (no __init__.py anywhere) adds noise in place to a sqrt output
import torch
import torch.nn.functional as F
from torch import nn

from lib.ops.noise import jitter_


class ScaleNet(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.var = nn.Linear(3, 3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        std = torch.sqrt(F.softplus(self.var(x)))  # saver
        return jitter_(std, 0.01)


torch.manual_seed(0)
net = ScaleNet()
net(torch.randn(2, 3)).sum().backward()  # raises: RuntimeError: modified by an inplace operation
