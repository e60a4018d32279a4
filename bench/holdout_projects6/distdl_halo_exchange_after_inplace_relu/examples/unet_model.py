import torch

from distdl.nn import DistributedConv1d


class DoubleConv(torch.nn.Module):
    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.block = torch.nn.Sequential(
            DistributedConv1d(in_channels, out_channels, 3),
            torch.nn.ReLU(inplace=True),
            DistributedConv1d(out_channels, out_channels, 3),
            torch.nn.ReLU(inplace=True),
        )

    def forward(self, x):
        return self.block(x)  # saver


class UNet(torch.nn.Module):
    def __init__(self, in_channels=1, base_channels=4, out_channels=1):
        super().__init__()
        self.enc = DoubleConv(in_channels, base_channels)
        self.mid = DoubleConv(base_channels, base_channels)
        self.dec = DoubleConv(2 * base_channels, base_channels)
        self.head = DistributedConv1d(base_channels, out_channels, 3)

    def forward(self, x):
        e = self.enc(x)
        m = self.mid(e)
        d = self.dec(torch.cat([e, m], dim=1))
        return self.head(d)
