import torch

from policy import Policy


def reinforce_loss(pi: Policy, actions: torch.Tensor, returns: torch.Tensor) -> torch.Tensor:
    p = pi.probs
    p.clamp_(min=1e-6)  # expect: GG002
    logp = p.gather(1, actions[:, None]).log().squeeze(1)
    return -(logp * returns).mean()
