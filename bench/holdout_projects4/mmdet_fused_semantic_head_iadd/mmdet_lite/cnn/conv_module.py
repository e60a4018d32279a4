import torch.nn as nn


class ConvModule(nn.Module):
    """conv -> (norm) -> activation, the activation built from `act_cfg` with the module's `inplace` flag."""

    def __init__(self, in_channels, out_channels, kernel_size, padding=0, act_cfg=None, inplace=True):
        super().__init__()
        act_cfg = dict(type="ReLU") if act_cfg is None else act_cfg
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size, padding=padding)
        self.activate = getattr(nn, act_cfg["type"])(inplace=inplace)

    def forward(self, x):
        return self.activate(self.conv(x))
