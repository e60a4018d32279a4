# case: Xception-style unit: identity_conv(x) saves x, then the body's pre-activation self.activ = nn.ReLU(inplace=True) overwrites x
# source: https://github.com/osmr/imgclsmob/issues/13
import torch
import torch.nn as nn


class DwsConvBlock(nn.Module):
    def __init__(self, in_channels, out_channels, activate):
        super().__init__()
        self.activate = activate
        if self.activate:
            self.activ = nn.ReLU(inplace=True)
        self.dw_conv = nn.Conv2d(in_channels, in_channels, 3, padding=1, groups=in_channels, bias=False)
        self.pw_conv = nn.Conv2d(in_channels, out_channels, 1, bias=False)
        self.bn = nn.BatchNorm2d(out_channels)

    def forward(self, x):
        if self.activate:
            x = self.activ(x)  # expect: GG002
        x = self.dw_conv(x)
        x = self.pw_conv(x)
        x = self.bn(x)
        return x


class XceptionUnit(nn.Module):
    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.resize_identity = (in_channels != out_channels)
        if self.resize_identity:
            self.identity_conv = nn.Conv2d(in_channels, out_channels, 1, bias=False)
        self.body = nn.Sequential(
            DwsConvBlock(in_channels, out_channels, activate=True),
            DwsConvBlock(out_channels, out_channels, activate=True),
        )

    def forward(self, x):
        if self.resize_identity:
            identity = self.identity_conv(x)  # saver
        else:
            identity = x
        x = self.body(x)
        x = x + identity
        return x


model = nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.BatchNorm2d(4), XceptionUnit(4, 8))
loss = model(torch.randn(2, 3, 8, 8)).mean()
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
