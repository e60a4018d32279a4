from torch import nn

from .registry import CONV_LAYERS

CONV_LAYERS.register_module("Conv", module=nn.Conv2d)
CONV_LAYERS.register_module("Conv2d", module=nn.Conv2d)


def build_conv_layer(cfg, *args, **kwargs):
    cfg_ = dict(type="Conv2d") if cfg is None else cfg.copy()
    layer_type = cfg_.pop("type")
    conv_layer = CONV_LAYERS.get(layer_type)
    if conv_layer is None:
        raise KeyError(f"unknown conv type {layer_type}")
    return conv_layer(*args, **kwargs, **cfg_)
