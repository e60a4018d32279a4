import torch


def rows(x: torch.Tensor) -> tuple[torch.Tensor, ...]:
    """The rows of a batch, as views."""
    return x.unbind(0)
