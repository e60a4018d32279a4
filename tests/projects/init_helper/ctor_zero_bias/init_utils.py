import torch
from torch import nn


def zero_bias_(layer: nn.Linear) -> nn.Linear:
    if layer.bias is not None:
        layer.bias.zero_()  # expect: GG001 # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation
    return layer


def scaled_eye_(layer: nn.Linear, gain: float) -> nn.Linear:
    with torch.no_grad():
        layer.weight.copy_(torch.eye(layer.out_features, layer.in_features) * gain)
    return layer
