from .bricks import (
    ACTIVATION_LAYERS,
    CONV_LAYERS,
    NORM_LAYERS,
    ConvModule,
    build_activation_layer,
    build_conv_layer,
    build_norm_layer,
)

__all__ = [
    "ACTIVATION_LAYERS",
    "CONV_LAYERS",
    "NORM_LAYERS",
    "ConvModule",
    "build_activation_layer",
    "build_conv_layer",
    "build_norm_layer",
]
