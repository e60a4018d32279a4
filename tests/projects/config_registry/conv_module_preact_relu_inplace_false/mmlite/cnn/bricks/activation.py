from torch import nn

from ...utils import build_from_cfg
from .registry import ACTIVATION_LAYERS

for module in [nn.ReLU, nn.LeakyReLU, nn.PReLU, nn.ReLU6, nn.ELU, nn.Sigmoid, nn.Tanh]:
    ACTIVATION_LAYERS.register_module(module=module)


def build_activation_layer(cfg):
    """`dict(type="ReLU", inplace=True)` -> `nn.ReLU(inplace=True)`."""
    return build_from_cfg(cfg, ACTIVATION_LAYERS)
