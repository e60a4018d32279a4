import torch
from torch import nn

import init_utils


class Projection(nn.Module):
    def __init__(self, d_in: int, d_out: int) -> None:
        super().__init__()
        self.proj = nn.Linear(d_in, d_out)
        init_utils.scaled_eye_(self.proj, 0.5)
        init_utils.zero_bias_(self.proj)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.proj(x)
