from torch import nn

from ...cnn import ConvModule
from ..builder import NECKS


@NECKS.register_module()
class GatedFusionNeck(nn.Module):
    """A sigmoid gate over the input, plus a pre-activation (act -> conv -> norm) branch."""

    def __init__(self, in_channels, out_channels, conv_cfg=None, norm_cfg=None, act_cfg=None):
        super().__init__()
        self.gate = ConvModule(in_channels, out_channels, 1, conv_cfg=conv_cfg, act_cfg=dict(type="Sigmoid"))
        self.branch = ConvModule(
            in_channels,
            out_channels,
            3,
            padding=1,
            conv_cfg=conv_cfg,
            norm_cfg=norm_cfg,
            act_cfg=act_cfg,
            order=("act", "conv", "norm"),
        )

    def forward(self, x):
        gated = x * self.gate(x)
        return gated + self.branch(x)
