import torch
from torch import nn


class GaussianHead(nn.Module):
    def __init__(self, dim: int, out_dim: int) -> None:
        super().__init__()
        self.fc = nn.Linear(dim, 2 * out_dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(x)


def split_params(params: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    mu, log_sigma = params.chunk(2, dim=-1)
    return mu, log_sigma
