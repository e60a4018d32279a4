"""Encoder stand-in: a small convolutional network instead of the ImageNet ResNet-50."""

import torch.nn as nn

from config import args


class SmallResNet(nn.Module):
    def __init__(self, feature_count):
        super(SmallResNet, self).__init__()
        self.conv1 = nn.Conv2d(3, 8, kernel_size=3, stride=2, padding=1)
        self.bn1 = nn.BatchNorm2d(8)
        self.relu = nn.ReLU()
        self.conv2 = nn.Conv2d(8, feature_count, kernel_size=3, stride=2, padding=1)
        self.avgpool = nn.AdaptiveAvgPool2d(1)

    def forward(self, x):
        x = self.relu(self.bn1(self.conv1(x)))
        x = self.relu(self.conv2(x))
        return self.avgpool(x).flatten(1)


def load_Res50Model():
    return SmallResNet(args.feature_count)
