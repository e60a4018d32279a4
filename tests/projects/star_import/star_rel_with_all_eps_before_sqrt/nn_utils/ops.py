import torch

__all__ = ["add_eps_", "rms"]


def add_eps_(x: torch.Tensor, eps: float) -> torch.Tensor:
    return x.add_(eps)


def rms(x: torch.Tensor) -> torch.Tensor:
    return x.pow(2).mean(-1, keepdim=True).sqrt()


def _unused_private(x: torch.Tensor) -> torch.Tensor:
    return x
