# case: the same partial(nn.ReLU, inplace=True) factory, but the block calls it with inplace=False: the call's keyword wins over the bound one
from functools import partial

import torch
import torch.nn as nn


class Gate(nn.Module):
    def __init__(self, dim, act_layer=nn.GELU):
        super().__init__()
        self.fc = nn.Linear(dim, dim)
        self.act = act_layer(inplace=False)

    def forward(self, x):
        gate = torch.sigmoid(self.fc(x))
        return self.act(gate)


torch.manual_seed(0)
block = Gate(4, act_layer=partial(nn.ReLU, inplace=True))
out = block(torch.randn(2, 4))
out.sum().backward()
