import torch


def axpy(a: float, x: torch.Tensor, y: torch.Tensor, out: torch.Tensor) -> torch.Tensor:
    """out <- y + a * x without allocating."""
    return torch.add(y, x, alpha=a, out=out)  # expect: GG007 # raises: RuntimeError: arguments don't support automatic differentiation, but one of the arguments requires grad
