import torch
from torch import nn

from .ops import *


class SimpleNorm(nn.Module):
    def __init__(self, dim: int, eps: float = 1e-5) -> None:
        super().__init__()
        self.weight = nn.Parameter(torch.ones(dim))
        self.eps = eps

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        var = x.var(-1, keepdim=True, unbiased=False)
        std = torch.sqrt(add_eps_(var, self.eps))
        return (x - x.mean(-1, keepdim=True)) / std * self.weight
