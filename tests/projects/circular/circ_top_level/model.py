import torch
from torch import nn

import layers

POST_SCALE = 0.5


def post_scale_(h: torch.Tensor) -> torch.Tensor:
    return h.mul_(POST_SCALE)  # expect: GG002


class Net(nn.Module):
    def __init__(self, dim: int) -> None:
        super().__init__()
        self.gate = layers.Gate(dim)
        self.fc = nn.Linear(dim, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(self.gate(x))
