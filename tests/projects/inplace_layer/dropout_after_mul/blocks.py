import torch
from torch import nn


class DropPath(nn.Module):
    def __init__(self, p: float = 0.1) -> None:
        super().__init__()
        self.drop = nn.Dropout(p, inplace=True)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.drop(x)  # expect: GG002
