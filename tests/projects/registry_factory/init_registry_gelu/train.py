# case: MODELS registry in models/__init__.py builds the "gelu" model; gelu saves its input, so in-place noise on the output is safe
import torch

import models


def augment_(feats: torch.Tensor, std: float = 0.05) -> torch.Tensor:
    return feats.add_(torch.randn_like(feats) * std)


if __name__ == "__main__":
    torch.manual_seed(0)
    encoder = models.build_model("gelu", dim=6)
    feats = augment_(encoder(torch.randn(4, 6)))
    feats.pow(2).mean().backward()
