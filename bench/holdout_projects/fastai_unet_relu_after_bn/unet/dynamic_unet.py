import torch
import torch.nn as nn
import torch.nn.functional as F

from .layers import Hook, conv_layer, relu


class UnetBlock(nn.Module):
    def __init__(self, up_in_c, x_in_c, hook, final_div=True):
        super().__init__()
        self.hook = hook
        self.shuf = nn.ConvTranspose2d(up_in_c, up_in_c // 2, 2, stride=2)
        self.bn = nn.BatchNorm2d(x_in_c)
        ni = up_in_c // 2 + x_in_c
        nf = ni if final_div else ni // 2
        self.conv1 = conv_layer(ni, nf)
        self.conv2 = conv_layer(nf, nf)
        self.relu = relu()

    def forward(self, up_in):
        s = self.hook.stored
        up_out = self.shuf(up_in)
        if s.shape[-2:] != up_out.shape[-2:]:
            up_out = F.interpolate(up_out, s.shape[-2:], mode="nearest")
        cat_x = self.relu(torch.cat([up_out, self.bn(s)], dim=1))
        return self.conv2(self.conv1(cat_x))


class DynamicUnet(nn.Module):
    def __init__(self, n_classes=2):
        super().__init__()
        self.enc1 = conv_layer(3, 8, stride=2)
        self.enc2 = conv_layer(8, 16, stride=2)
        self.hook = Hook(self.enc1)
        ni = 16
        # the PR: nn.ReLU() -> nn.ReLU(inplace=True) at the base of the U-Net, right after a batchnorm
        self.base = nn.Sequential(nn.BatchNorm2d(ni), nn.ReLU(inplace=True),
                                  conv_layer(ni, ni * 2), conv_layer(ni * 2, ni))
        self.up = UnetBlock(ni, 8, self.hook)
        self.head = nn.Sequential(nn.Upsample(scale_factor=2), nn.Conv2d(16, n_classes, 1))

    def forward(self, x):
        x = self.enc2(self.enc1(x))
        x = self.base(x)
        x = self.up(x)
        return self.head(x)
