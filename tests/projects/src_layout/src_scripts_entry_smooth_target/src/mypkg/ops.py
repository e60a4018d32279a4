import torch


def smooth_(dist: torch.Tensor, eps: float) -> torch.Tensor:
    """Mix a distribution with the uniform one, in place."""
    k = dist.shape[-1]
    return dist.mul_(1.0 - eps).add_(eps / k)
