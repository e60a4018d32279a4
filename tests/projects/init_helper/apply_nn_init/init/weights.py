from torch import nn


def init_weights(m: nn.Module) -> None:
    """GPT-style init: N(0, 0.02) weights, zero biases."""
    if isinstance(m, nn.Linear):
        nn.init.normal_(m.weight, mean=0.0, std=0.02)
        if m.bias is not None:
            nn.init.zeros_(m.bias)
