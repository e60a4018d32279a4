"""Small tensor helpers shared by the model code."""
import torch


def scale_(x: torch.Tensor, factor: float) -> torch.Tensor:
    """Scale `x` in place and return it."""
    return x.mul_(factor)
