import torch
from torch import nn

from ops import ScaledExp


class RateHead(nn.Module):
    def __init__(self, dim: int) -> None:
        super().__init__()
        self.fc = nn.Linear(dim, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return ScaledExp.apply(self.fc(x), 2.0)
