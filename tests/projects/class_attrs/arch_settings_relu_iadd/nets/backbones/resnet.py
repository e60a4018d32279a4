import torch
import torch.nn as nn

from .blocks import BasicBlock, Bottleneck


class ResNet(nn.Module):
    """Stages picked by depth from the class-level table, each block's width from its class."""

    arch_settings = {
        10: (BasicBlock, (1, 1)),
        14: (Bottleneck, (1, 1)),
    }

    def __init__(self, depth, in_channels=3, base_channels=4, feature_noise=0.1):
        super().__init__()
        self.block, stage_blocks = self.arch_settings[depth]
        self.stem = nn.Conv2d(in_channels, base_channels, 3, padding=1)
        self.feature_noise = feature_noise
        inplanes = base_channels
        layers = []
        for i, num_blocks in enumerate(stage_blocks):
            planes = base_channels * 2**i
            for _ in range(num_blocks):
                layers.append(self.block(inplanes, planes))
                inplanes = planes * self.block.expansion
        self.layers = nn.Sequential(*layers)
        self.out_channels = inplanes

    def forward(self, x):
        x = self.layers(self.stem(x))
        if self.training:
            x += self.feature_noise * torch.randn_like(x)  # expect: GG002
        return x
