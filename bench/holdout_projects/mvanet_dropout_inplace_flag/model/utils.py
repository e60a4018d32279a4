import torch
import torch.nn.functional as F


def get_activation_fn(activation):
    """Return an activation function given a string."""
    if activation == "relu":
        return F.relu
    if activation == "gelu":
        return F.gelu
    raise RuntimeError(f"activation should be relu/gelu, not {activation}.")


def image2patches(x):
    """b c (2 h) (2 w) -> (4 b) c h w"""
    h, w = x.shape[-2] // 2, x.shape[-1] // 2
    return torch.cat([x[..., :h, :w], x[..., :h, w:], x[..., h:, :w], x[..., h:, w:]], dim=0)
