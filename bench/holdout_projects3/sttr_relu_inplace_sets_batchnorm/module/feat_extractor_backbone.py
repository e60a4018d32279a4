import torch.nn as nn


class SppBackbone(nn.Module):
    def __init__(self):
        super().__init__()
        self.in_conv = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU())
        self.resblock = nn.Sequential(nn.Conv2d(8, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU())

    def forward(self, x):
        x = self.in_conv(x)
        return [x, self.resblock(x)]
