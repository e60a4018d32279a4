import torch
from torch import nn
from torch.nn import functional as F


def _padding(pad_type, padding):
    if pad_type == "reflect":
        return nn.ReflectionPad2d(padding)
    if pad_type == "replicate":
        return nn.ReplicationPad2d(padding)
    if pad_type == "zero":
        return nn.ZeroPad2d(padding)
    raise AssertionError("Unsupported padding type: {}".format(pad_type))


def _norm(norm, out_channels):
    if norm == "bn":
        return nn.BatchNorm2d(out_channels)
    if norm == "in":
        return nn.InstanceNorm2d(out_channels)
    if norm == "none":
        return None
    raise AssertionError("Unsupported normalization: {}".format(norm))


def _activation(activation):
    if activation == "relu":
        return nn.ReLU(inplace=True)
    if activation == "elu":
        return nn.ELU(alpha=1.0, inplace=True)
    if activation == "lrelu":
        return nn.LeakyReLU(0.2, inplace=True)
    if activation == "prelu":
        return nn.PReLU()
    if activation == "tanh":
        return nn.Tanh()
    if activation == "sigmoid":
        return nn.Sigmoid()
    if activation == "none":
        return None
    raise AssertionError("Unsupported activation: {}".format(activation))


# -----------------------------------------------
#                Normal ConvBlock
# -----------------------------------------------
class Conv2dLayer(nn.Module):
    def __init__(
        self,
        in_channels,
        out_channels,
        kernel_size,
        stride=1,
        padding=0,
        dilation=1,
        pad_type="replicate",
        activation="none",
        norm="none",
    ):
        super().__init__()
        self.pad = _padding(pad_type, padding)
        self.norm = _norm(norm, out_channels)
        self.activation = _activation(activation)
        self.conv2d = nn.Conv2d(in_channels, out_channels, kernel_size, stride, padding=0, dilation=dilation)

    def forward(self, x):
        x = self.pad(x)
        x = self.conv2d(x)
        if self.norm:
            x = self.norm(x)
        if self.activation:
            x = self.activation(x)
        return x


class depth_separable_conv(nn.Module):
    def __init__(self, in_ch, out_ch, kernel_size, stride, padding, dilation):
        super().__init__()
        self.depth_conv = nn.Conv2d(in_ch, in_ch, kernel_size, stride, padding, dilation, groups=in_ch)
        self.point_conv = nn.Conv2d(in_ch, out_ch, kernel_size=1, stride=1, padding=0, groups=1)

    def forward(self, input):
        return self.point_conv(self.depth_conv(input))


class sc_conv(nn.Module):
    """single-channel gate"""

    def __init__(self, in_ch, out_ch, kernel_size, stride, padding, dilation):
        super().__init__()
        self.single_channel_conv = nn.Conv2d(in_ch, 1, kernel_size, stride, padding, dilation, groups=1)

    def forward(self, input):
        return self.single_channel_conv(input)


# -----------------------------------------------
#                Gated ConvBlock
# -----------------------------------------------
class GatedConv2d(nn.Module):
    def __init__(
        self,
        in_channels,
        out_channels,
        kernel_size,
        stride=1,
        padding=0,
        dilation=1,
        pad_type="replicate",
        activation="elu",
        norm="none",
        sc=False,
    ):
        super().__init__()
        self.pad = _padding(pad_type, padding)
        self.norm = _norm(norm, out_channels)
        self.activation = _activation(activation)
        self.conv2d = nn.Conv2d(in_channels, out_channels, kernel_size, stride, padding=0, dilation=dilation)
        if sc:
            self.mask_conv2d = sc_conv(in_channels, out_channels, kernel_size, stride, padding=0, dilation=dilation)
        else:
            self.mask_conv2d = depth_separable_conv(
                in_channels, out_channels, kernel_size, stride, padding=0, dilation=dilation
            )
        self.sigmoid = torch.nn.Sigmoid()

    def forward(self, x_in):
        x = self.pad(x_in)
        conv = self.conv2d(x)
        mask = self.mask_conv2d(x)
        if self.norm:
            conv = self.norm(conv)
        if self.activation:
            conv = self.activation(conv)
        gated_mask = self.sigmoid(mask)
        return conv * gated_mask


class TransposeGatedConv2d(nn.Module):
    def __init__(
        self,
        in_channels,
        out_channels,
        kernel_size,
        stride=1,
        padding=0,
        dilation=1,
        pad_type="zero",
        activation="lrelu",
        norm="none",
        sc=False,
        scale_factor=2,
    ):
        super().__init__()
        self.scale_factor = scale_factor
        self.gated_conv2d = GatedConv2d(
            in_channels, out_channels, kernel_size, stride, padding, dilation, pad_type, activation, norm, sc
        )

    def forward(self, x):
        x = F.interpolate(x, scale_factor=self.scale_factor, mode="nearest")
        return self.gated_conv2d(x)
