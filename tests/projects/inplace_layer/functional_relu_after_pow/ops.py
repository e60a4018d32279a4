import torch
import torch.nn.functional as F


def relu_(x: torch.Tensor) -> torch.Tensor:
    return F.relu(x, inplace=True)  # expect: GG002
