from .activation import build_activation_layer
from .conv import build_conv_layer
from .conv_module import ConvModule
from .norm import build_norm_layer
from .registry import ACTIVATION_LAYERS, CONV_LAYERS, NORM_LAYERS

__all__ = [
    "ACTIVATION_LAYERS",
    "CONV_LAYERS",
    "NORM_LAYERS",
    "ConvModule",
    "build_activation_layer",
    "build_conv_layer",
    "build_norm_layer",
]
