# case: fepegar/unet UNet2D(residual=True): EncodingBlock does `x = self.conv2(x); x += connection`, and conv2's ConvolutionalBlock ends in ReLU, whose backward needs that output
# source: https://github.com/fepegar/unet/issues/36
from typing import Optional

import torch
import torch.nn as nn


class ConvolutionalBlock(nn.Module):
    def __init__(self, dimensions, in_channels, out_channels, normalization: Optional[str] = None,
                 kernel_size=3, activation: Optional[str] = 'ReLU', padding=1):
        super().__init__()
        block = nn.ModuleList()
        conv_class = getattr(nn, f'Conv{dimensions}d')
        self.conv_layer = conv_class(in_channels, out_channels, kernel_size, padding=padding if kernel_size > 1 else 0)
        block.append(self.conv_layer)
        if normalization is not None:
            block.append(getattr(nn, f'{normalization.capitalize()}Norm{dimensions}d')(out_channels))
        if activation is not None:
            block.append(getattr(nn, activation)())
        self.block = nn.Sequential(*block)

    def forward(self, x):
        return self.block(x)  # saver


class EncodingBlock(nn.Module):
    def __init__(self, in_channels, out_channels_first, dimensions, normalization, residual=False):
        super().__init__()
        self.residual = residual
        self.conv1 = ConvolutionalBlock(dimensions, in_channels, out_channels_first, normalization=normalization)
        self.conv2 = ConvolutionalBlock(dimensions, out_channels_first, out_channels_first, normalization=normalization)
        if residual:
            self.conv_residual = ConvolutionalBlock(dimensions, in_channels, out_channels_first, kernel_size=1,
                                                    normalization=None, activation=None)
        self.downsample = nn.MaxPool2d(2)

    def forward(self, x):
        if self.residual:
            connection = self.conv_residual(x)
            x = self.conv1(x)
            x = self.conv2(x)
            x += connection  # expect: GG002
        else:
            x = self.conv1(x)
            x = self.conv2(x)
        skip_connection = x
        x = self.downsample(x)
        return x, skip_connection


class UNet2D(nn.Module):
    def __init__(self, in_channels=3, out_classes=10, residual=False, num_encoding_blocks=2, out_channels_first=4):
        super().__init__()
        self.encoding_blocks = nn.ModuleList()
        for _ in range(num_encoding_blocks):
            self.encoding_blocks.append(EncodingBlock(in_channels, out_channels_first, 2, None, residual=residual))
            in_channels, out_channels_first = out_channels_first, out_channels_first * 2
        self.upsample = nn.Upsample(scale_factor=2 ** num_encoding_blocks)
        self.classifier = nn.Conv2d(in_channels, out_classes, 1)

    def forward(self, x):
        skip_connections = []
        for encoding_block in self.encoding_blocks:
            x, skip = encoding_block(x)
            skip_connections.append(skip)
        return self.classifier(self.upsample(x))


loss_fn = torch.nn.BCEWithLogitsLoss()
input = torch.ones([2, 3, 8, 8])
targets = torch.ones([2, 10, 8, 8])
unet_model = UNet2D(in_channels=3, out_classes=10, residual=True, num_encoding_blocks=2)
out = unet_model(input)
loss = loss_fn(targets, out)
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
