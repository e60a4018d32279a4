import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    """Rectifies its (already feature-like) input first, as in the report, then a small conv head."""

    def __init__(self, channels=6, classes=3):
        super().__init__()
        self.conv = nn.Conv2d(channels, 8, 3, padding=1)
        self.fc = nn.Linear(8, classes)

    def forward(self, x):
        x = F.relu(x, inplace=True)  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad
        x = self.conv(x)
        x = F.adaptive_avg_pool2d(x, 1).flatten(1)
        return self.fc(x)
