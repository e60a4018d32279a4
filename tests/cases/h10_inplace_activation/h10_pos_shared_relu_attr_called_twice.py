# case: one self.relu = nn.ReLU(inplace=True) applied twice in a row: safe after the conv, but the 2nd call overwrites the 1st call's saved output
import torch
import torch.nn as nn


class Stem(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3)
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x):
        x = self.relu(self.conv(x))  # saver
        x = self.relu(x)  # expect: GG002
        return x


torch.manual_seed(0)
Stem()(torch.randn(1, 3, 8, 8)).mean().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
