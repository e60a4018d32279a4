import torch

from tensor_utils import scale_


def attend(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, temperature: float) -> torch.Tensor:
    scores = q @ k.transpose(-1, -2)
    scores = scale_(scores, 1.0 / temperature)
    weights = torch.softmax(scores, dim=-1)
    return weights @ v
