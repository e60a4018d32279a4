import torch.nn as nn


def conv3x3(in_chan, out_chan, stride=1):
    return nn.Conv2d(in_chan, out_chan, kernel_size=3, stride=stride, padding=1, bias=False)


class Block(nn.Module):
    """Pre-activation residual block: the residual branch starts with an in-place ReLU."""

    def __init__(self, in_chan, out_chan, stride=1):
        super().__init__()
        self.in_chan, self.out_chan, self.stride = in_chan, out_chan, stride
        self.residual = nn.Sequential(
            nn.ReLU(inplace=True),
            conv3x3(in_chan, out_chan, stride),
            nn.BatchNorm2d(out_chan),
            nn.ReLU(inplace=True),
            conv3x3(out_chan, out_chan),
            nn.BatchNorm2d(out_chan),
        )
        self.shortcut = nn.Conv2d(in_chan, out_chan, kernel_size=1, stride=stride, bias=False)

    def forward(self, x):
        resd = self.residual(x)  # this line executed before shortcut
        if not self.stride == 1 or not self.in_chan == self.out_chan:
            sc = self.shortcut(x)
        else:
            sc = x
        out = resd + sc
        return out
