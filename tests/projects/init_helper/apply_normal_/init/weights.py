from torch import nn


def init_weights(m: nn.Module) -> None:
    """GPT-style init: N(0, 0.02) weights, zero biases."""
    if isinstance(m, nn.Linear):
        m.weight.normal_(mean=0.0, std=0.02)  # expect: GG001 # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation
        if m.bias is not None:
            nn.init.zeros_(m.bias)
