import torch
import torch.nn as nn

__all__ = ["PConvUNet"]


class PConvUNet(nn.Module):
    """Tiny stand-in for the partial-convolution UNet: returns (output, mask)."""

    def __init__(self, input_channels=3, width=8):
        super().__init__()
        self.enc = nn.Sequential(nn.Conv2d(input_channels, width, 3, padding=1), nn.ReLU(inplace=True))
        self.dec = nn.Conv2d(width, input_channels, 3, padding=1)

    def forward(self, input, mask):
        h = self.enc(input * mask)
        return torch.sigmoid(self.dec(h)), mask
