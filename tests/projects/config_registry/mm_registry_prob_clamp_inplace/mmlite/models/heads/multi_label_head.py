import torch
from torch import nn

from ..builder import HEADS


@HEADS.register_module
class MultiLabelHead(nn.Module):
    """Independent per-class probabilities (multi-label classification)."""

    def __init__(self, num_classes, in_channels):
        super().__init__()
        self.fc = nn.Linear(in_channels, num_classes)

    def forward(self, x):
        return torch.sigmoid(self.fc(x))  # saver
