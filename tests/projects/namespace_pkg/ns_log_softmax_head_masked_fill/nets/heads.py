import torch
import torch.nn.functional as F
from torch import nn


class TokenHead(nn.Module):
    def __init__(self, dim: int, vocab: int) -> None:
        super().__init__()
        self.proj = nn.Linear(dim, vocab)

    def forward(self, h: torch.Tensor) -> torch.Tensor:
        return F.log_softmax(self.proj(h), dim=-1)
