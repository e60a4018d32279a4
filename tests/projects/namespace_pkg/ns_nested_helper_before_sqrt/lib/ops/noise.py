import torch


def jitter_(x: torch.Tensor, std: float) -> torch.Tensor:
    return x.add_(torch.randn_like(x), alpha=std)
