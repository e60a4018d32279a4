import torch
from torch import nn


class Policy(nn.Module):
    def __init__(self, obs_dim: int = 8, act_dim: int = 3) -> None:
        super().__init__()
        self.body = nn.Sequential(nn.Linear(obs_dim, 32), nn.ELU(), nn.Linear(32, act_dim))

    def forward(self, obs: torch.Tensor) -> torch.Tensor:
        return torch.tanh(self.body(obs))  # saver
