import torch.nn.functional as F
from torch import nn

from ..builder import BACKBONES


@BACKBONES.register_module()
class TinyConvNet(nn.Module):
    def __init__(self, in_channels=3, width=8):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, width, 3, padding=1)
        self.conv2 = nn.Conv2d(width, width, 3, padding=1, stride=2)

    def forward(self, x):
        return self.conv2(F.relu(self.conv1(x)))
