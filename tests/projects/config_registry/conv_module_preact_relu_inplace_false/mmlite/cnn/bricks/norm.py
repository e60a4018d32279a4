from torch import nn

from .registry import NORM_LAYERS

NORM_LAYERS.register_module("BN", module=nn.BatchNorm2d)
NORM_LAYERS.register_module("GN", module=nn.GroupNorm)


def build_norm_layer(cfg, num_features, postfix=""):
    """A (name, layer) pair: the owner registers the layer under that name."""
    cfg_ = cfg.copy()
    layer_type = cfg_.pop("type")
    norm_layer = NORM_LAYERS.get(layer_type)
    if norm_layer is None:
        raise KeyError(f"unknown norm type {layer_type}")
    name = ("bn" if layer_type == "BN" else "gn") + str(postfix)
    requires_grad = cfg_.pop("requires_grad", True)
    cfg_.setdefault("eps", 1e-5)
    if layer_type == "GN":
        layer = norm_layer(num_channels=num_features, **cfg_)
    else:
        layer = norm_layer(num_features, **cfg_)
    for param in layer.parameters():
        param.requires_grad = requires_grad
    return name, layer
