import torch


def clamp_unit_(action: torch.Tensor) -> torch.Tensor:
    """Restrict actions to [0, 1] in place (the actuator cannot go negative)."""
    return action.clamp_(0.0, 1.0)
