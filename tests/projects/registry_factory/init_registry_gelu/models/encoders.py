import torch
import torch.nn.functional as F
from torch import nn


class ReluEncoder(nn.Module):
    def __init__(self, dim: int) -> None:
        super().__init__()
        self.fc = nn.Linear(dim, dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.relu(self.fc(x))


class GeluEncoder(ReluEncoder):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.gelu(self.fc(x))
