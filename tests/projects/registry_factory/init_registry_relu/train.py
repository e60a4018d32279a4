# case: MODELS registry + build_model() in models/__init__.py; the "relu" model's output (relu saves it) gets noise added in place
import torch

import models


def augment_(feats: torch.Tensor, std: float = 0.05) -> torch.Tensor:
    return feats.add_(torch.randn_like(feats) * std)  # expect: GG002


if __name__ == "__main__":
    torch.manual_seed(0)
    encoder = models.build_model("relu", dim=6)
    feats = augment_(encoder(torch.randn(4, 6)))
    feats.pow(2).mean().backward()  # raises: RuntimeError: modified by an inplace operation
