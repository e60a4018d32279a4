import torch

EPS = 1e-4


def clamp_probs_(p: torch.Tensor, eps: float = EPS) -> torch.Tensor:
    """Keep probabilities away from 0 and 1 (in place)."""
    return p.clamp_(eps, 1.0 - eps)
