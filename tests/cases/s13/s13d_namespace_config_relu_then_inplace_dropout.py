# case: the layer's activation is picked from a dict by a name in a `types.SimpleNamespace` config (`args.activation = "relu"`); the feed-forward block applies `nn.Dropout(p, inplace=True)` to the ReLU output, which ReLU saved for backward
from types import SimpleNamespace

import torch
import torch.nn as nn

torch.manual_seed(0)

ACTIVATIONS = {"relu": nn.ReLU, "gelu": nn.GELU}


class FeedForward(nn.Module):
    def __init__(self, dim, hidden, dropout, activation):
        super().__init__()
        self.linear1 = nn.Linear(dim, hidden)
        self.activation = ACTIVATIONS[activation]()
        self.dropout = nn.Dropout(dropout, inplace=True)
        self.linear2 = nn.Linear(hidden, dim)

    def forward(self, x):
        return self.linear2(self.dropout(self.activation(self.linear1(x))))  # expect: GG002  # saver


args = SimpleNamespace(dim=6, hidden=12, dropout=0.1, activation="relu")
block = FeedForward(args.dim, args.hidden, args.dropout, args.activation)
x = torch.randn(4, args.dim)
block(x).sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
