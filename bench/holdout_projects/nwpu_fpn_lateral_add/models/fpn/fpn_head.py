import torch.nn as nn
import torch.nn.functional as F

from .layers import Conv2d


class FPN(nn.Module):
    def __init__(self, in_channels, out_channels, bn=True):
        super().__init__()
        self.lateral_convs = nn.ModuleList()
        self.fpn_convs = nn.ModuleList()
        for c in in_channels:
            self.lateral_convs.append(Conv2d(c, out_channels, 1, bn=bn, bias=not bn, same_padding=True))
            self.fpn_convs.append(Conv2d(out_channels, out_channels, 3, bn=bn, bias=not bn, same_padding=True))

    def forward(self, inputs):
        laterals = [conv(inputs[i]) for i, conv in enumerate(self.lateral_convs)]
        # top-down path
        for i in range(len(laterals) - 1, 0, -1):
            prev_shape = laterals[i - 1].shape[2:]
            laterals[i - 1] += F.interpolate(laterals[i], size=prev_shape, mode="nearest")  # expect: GG002
        return tuple(self.fpn_convs[i](laterals[i]) for i in range(len(laterals)))
