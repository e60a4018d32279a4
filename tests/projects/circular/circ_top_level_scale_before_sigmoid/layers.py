import torch
from torch import nn

import model


class Gate(nn.Module):
    def __init__(self, dim: int) -> None:
        super().__init__()
        self.lin = nn.Linear(dim, dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        g = model.post_scale_(self.lin(x))
        return torch.sigmoid(g)
