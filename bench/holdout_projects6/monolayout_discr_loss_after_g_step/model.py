import torch
import torch.nn as nn


class Encoder(nn.Module):
    """Stand-in for the ResNet-18 encoder: image features at 1/4 resolution."""

    def __init__(self, num_ch_enc=8):
        super().__init__()
        self.num_ch_enc = num_ch_enc
        self.features = nn.Sequential(
            nn.Conv2d(3, num_ch_enc, 3, stride=2, padding=1),
            nn.ReLU(),
            nn.Conv2d(num_ch_enc, num_ch_enc, 3, stride=2, padding=1),
            nn.ReLU(),
        )

    def forward(self, x):
        return self.features(x)


class Decoder(nn.Module):
    def __init__(self, num_ch_enc, num_class=2):
        super().__init__()
        self.convs = nn.ModuleDict()
        self.convs["upconv_0"] = nn.Conv2d(num_ch_enc, num_ch_enc, 3, padding=1)
        self.convs["upconv_1"] = nn.Conv2d(num_ch_enc, num_ch_enc, 3, padding=1)
        self.convs["topview"] = nn.Conv2d(num_ch_enc, num_class, 3, padding=1)
        self.relu = nn.ReLU(True)

    def forward(self, x, is_training=True):
        for i in range(2):
            x = self.convs["upconv_%d" % i](x)
            x = self.relu(x)
            x = nn.functional.interpolate(x, scale_factor=2, mode="nearest")
        x = self.convs["topview"](x)  # saver
        return x


class Discriminator(nn.Module):
    def __init__(self, in_ch=2):
        super().__init__()
        self.main = nn.Sequential(
            nn.Conv2d(in_ch, 8, 3, 2, 1, bias=False),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(8, 16, 3, 2, 1, bias=False),
            nn.BatchNorm2d(16),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(16, 1, 3, 1, 1, bias=False),
        )

    def forward(self, x):
        return self.main(x)
