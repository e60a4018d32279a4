import torch.nn as nn


class ConvBlock(nn.Module):
    def __init__(self, cin, cout, act_first=False, activation="lrelu"):
        super().__init__()
        self.act_first = act_first
        self.pad = nn.ZeroPad2d(1)
        self.conv = nn.Conv2d(cin, cout, 3)
        if activation == "lrelu":
            self.act = nn.LeakyReLU(0.2, inplace=True)
        else:
            self.act = None

    def forward(self, x):
        if self.act_first:
            if self.act:
                x = self.act(x)  # expect: GG001 # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation
            return self.conv(self.pad(x))
        x = self.conv(self.pad(x))
        if self.act:
            x = self.act(x)
        return x
