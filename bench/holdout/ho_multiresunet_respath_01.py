# case: MultiResUNet: Respath adds the 1x1 shortcut in place (`x += shortcut`) to the output of Conv2d_batchnorm(activation='relu'), i.e. to an F.relu output that ReLU saved; the `x += temp` in Multiresblock hits a BatchNorm output and is harmless
# source: https://github.com/j-sripad/mulitresunet-pytorch/issues/3
from typing import Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F


class Conv2d_batchnorm(nn.Module):
    def __init__(self, input_features: int, num_of_filters: int, kernel_size: Tuple = (2, 2), stride: Tuple = (1, 1), activation: str = 'relu', padding: int = 0) -> None:
        super().__init__()
        self.activation = activation
        self.conv1 = nn.Conv2d(in_channels=input_features, out_channels=num_of_filters, kernel_size=kernel_size, stride=stride, padding=padding)
        self.batchnorm = nn.BatchNorm2d(num_of_filters, affine=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.conv1(x)
        x = self.batchnorm(x)
        if self.activation == 'relu':
            return F.relu(x)
        else:
            return x


class Multiresblock(nn.Module):
    def __init__(self, input_features: int, corresponding_unet_filters: int, alpha: float = 1.67) -> None:
        super().__init__()
        self.W = corresponding_unet_filters * alpha
        self.conv2d_bn_1x1 = Conv2d_batchnorm(input_features=input_features, num_of_filters=int(self.W*0.167)+int(self.W*0.333)+int(self.W*0.5),
                                              kernel_size=(1, 1), activation='None', padding=0)
        self.conv2d_bn_3x3 = Conv2d_batchnorm(input_features=input_features, num_of_filters=int(self.W*0.167), kernel_size=(3, 3), activation='relu', padding=1)
        self.conv2d_bn_5x5 = Conv2d_batchnorm(input_features=int(self.W*0.167), num_of_filters=int(self.W*0.333), kernel_size=(3, 3), activation='relu', padding=1)
        self.conv2d_bn_7x7 = Conv2d_batchnorm(input_features=int(self.W*0.333), num_of_filters=int(self.W*0.5), kernel_size=(3, 3), activation='relu', padding=1)
        self.batch_norm1 = nn.BatchNorm2d(int(self.W*0.5)+int(self.W*0.167)+int(self.W*0.333), affine=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        temp = self.conv2d_bn_1x1(x)
        a = self.conv2d_bn_3x3(x)
        b = self.conv2d_bn_5x5(a)
        c = self.conv2d_bn_7x7(b)
        x = torch.cat([a, b, c], axis=1)
        x = self.batch_norm1(x)
        x += temp
        x = self.batch_norm1(x)
        return x


class Respath(nn.Module):
    def __init__(self, input_features: int, filters: int, respath_length: int) -> None:
        super().__init__()
        self.filters = filters
        self.respath_length = respath_length
        self.conv2d_bn_1x1 = Conv2d_batchnorm(input_features=input_features, num_of_filters=self.filters, kernel_size=(1, 1), activation='None', padding=0)
        self.conv2d_bn_3x3 = Conv2d_batchnorm(input_features=input_features, num_of_filters=self.filters, kernel_size=(3, 3), activation='relu', padding=1)
        self.conv2d_bn_1x1_common = Conv2d_batchnorm(input_features=self.filters, num_of_filters=self.filters, kernel_size=(1, 1), activation='None', padding=0)
        self.conv2d_bn_3x3_common = Conv2d_batchnorm(input_features=self.filters, num_of_filters=self.filters, kernel_size=(3, 3), activation='relu', padding=1)
        self.batch_norm1 = nn.BatchNorm2d(filters, affine=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        shortcut = self.conv2d_bn_1x1(x)
        x = self.conv2d_bn_3x3(x)
        x += shortcut  # expect: GG002
        x = F.relu(x)
        x = self.batch_norm1(x)
        if self.respath_length > 1:
            for i in range(self.respath_length):
                shortcut = self.conv2d_bn_1x1_common(x)
                x = self.conv2d_bn_3x3_common(x)
                x += shortcut  # expect: GG002
                x = F.relu(x)
                x = self.batch_norm1(x)
            return x
        else:
            return x


filters = 4
block = Multiresblock(input_features=3, corresponding_unet_filters=filters)
in_filters1 = int(filters*1.67*0.5) + int(filters*1.67*0.167) + int(filters*1.67*0.333)
respath = Respath(input_features=in_filters1, filters=filters, respath_length=2)
head = nn.Conv2d(filters, 1, 1)
x = torch.randn(2, 3, 8, 8)
out = torch.sigmoid(head(respath(block(x))))
loss = nn.functional.binary_cross_entropy(out, torch.rand_like(out))
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
