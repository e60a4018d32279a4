import torch
from torch import nn

from .config import MLPConfig


class LayerScaleMLP(nn.Module):
    def __init__(self, config: MLPConfig):
        super().__init__()
        self.fc = nn.Linear(config.dim, config.dim)
        self.gamma = nn.Parameter(torch.full((config.dim,), config.layer_scale))
        self.drop = nn.Dropout(config.dropout, inplace=config.dropout_inplace)

    def forward(self, x):
        h = self.fc(x)
        scaled = h * self.gamma  # saver
        h = self.drop(h)  # expect: GG002
        return h + scaled
