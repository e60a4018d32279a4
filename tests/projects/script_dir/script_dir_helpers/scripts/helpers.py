"""Helpers for the training scripts."""
import torch


def warmup(x: torch.Tensor, factor: float = 0.5) -> torch.Tensor:
    return x.mul_(factor)  # expect: GG002
