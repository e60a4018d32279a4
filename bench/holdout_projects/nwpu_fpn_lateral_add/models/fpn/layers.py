import torch.nn as nn


class Conv2d(nn.Module):
    """conv -> (bn) -> ReLU, the building block of the FPN neck."""

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, same_padding=False, bn=True, bias=True):
        super().__init__()
        padding = (kernel_size - 1) // 2 if same_padding else 0
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size, stride, padding=padding, bias=bias)
        self.bn = nn.BatchNorm2d(out_channels) if bn else None
        self.relu = nn.ReLU(inplace=False)

    def forward(self, x):
        x = self.conv(x)
        if self.bn is not None:
            x = self.bn(x)
        x = self.relu(x)  # saver
        return x
