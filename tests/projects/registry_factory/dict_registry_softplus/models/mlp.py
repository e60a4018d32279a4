import torch
import torch.nn.functional as F
from torch import nn


class _Trunk(nn.Module):
    def __init__(self, in_features: int, hidden: int) -> None:
        super().__init__()
        self.fc = nn.Linear(in_features, hidden)
        self.out = nn.Linear(hidden, 1)

    def features(self, x: torch.Tensor) -> torch.Tensor:
        return self.out(F.relu(self.fc(x)))


class SoftplusMLP(_Trunk):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.softplus(self.features(x))


class PoissonMLP(_Trunk):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.exp(self.features(x))
