import torch
from torch import nn


class Policy(nn.Module):
    def __init__(self, obs_dim: int, n_actions: int) -> None:
        super().__init__()
        self.fc = nn.Linear(obs_dim, n_actions)
        self._logits: torch.Tensor | None = None

    def forward(self, obs: torch.Tensor) -> torch.Tensor:
        self._logits = self.fc(obs)
        return self._logits

    @property
    def probs(self) -> torch.Tensor:
        assert self._logits is not None
        return torch.softmax(self._logits, dim=-1)
