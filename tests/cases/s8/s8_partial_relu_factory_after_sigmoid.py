# case: an activation factory act_layer=partial(nn.ReLU, inplace=True) builds the block's ReLU; it runs on a sigmoid output, which sigmoid saved
from functools import partial

import torch
import torch.nn as nn


class Gate(nn.Module):
    def __init__(self, dim, act_layer=nn.GELU):
        super().__init__()
        self.fc = nn.Linear(dim, dim)
        self.act = act_layer()

    def forward(self, x):
        gate = torch.sigmoid(self.fc(x))  # saver
        return self.act(gate)  # expect: GG002


torch.manual_seed(0)
block = Gate(4, act_layer=partial(nn.ReLU, inplace=True))
out = block(torch.randn(2, 4))
out.sum().backward()  # raises: RuntimeError: modified by an inplace operation
