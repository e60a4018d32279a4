import torch


def shift_(x: torch.Tensor, b: torch.Tensor | float) -> torch.Tensor:
    x += b  # expect: GG002
    return x
