import torch


def rescale_(x: torch.Tensor, factor: float = 2.0) -> torch.Tensor:
    return x.div_(factor)  # expect: GG002


def count_params(module: torch.nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())
