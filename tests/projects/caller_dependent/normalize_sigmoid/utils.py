import torch


def normalize_(x: torch.Tensor) -> torch.Tensor:
    """Zero-mean each row, in place."""
    x -= x.mean(dim=-1, keepdim=True)  # expect: GG002
    return x
