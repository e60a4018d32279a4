import torch


def rows(x: torch.Tensor) -> tuple[torch.Tensor, ...]:
    """The rows of a batch, as views."""
    return tuple(x[i] for i in range(x.shape[0]))
