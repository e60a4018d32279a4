# case: gated unit: F.relu(h, inplace=True) after h was used in h * gate (MulBackward saved h for the gate's gradient) (H10h)
import torch
import torch.nn as nn
import torch.nn.functional as F


class Gated(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)
        self.gate = nn.Parameter(torch.ones(4))

    def forward(self, x):
        h = self.fc(x)
        gated = h * self.gate  # saver
        F.relu(h, inplace=True)  # expect: GG002
        return gated + h


torch.manual_seed(0)
Gated()(torch.randn(2, 4)).sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
