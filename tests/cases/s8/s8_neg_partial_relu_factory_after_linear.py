# case: partial(nn.ReLU, inplace=True) as the activation after a linear layer, which saves its input, not its output: safe
from functools import partial

import torch
import torch.nn as nn


class Mlp(nn.Module):
    def __init__(self, dim, act_layer=nn.GELU):
        super().__init__()
        self.fc1 = nn.Linear(dim, dim)
        self.act = act_layer()
        self.fc2 = nn.Linear(dim, dim)

    def forward(self, x):
        return self.fc2(self.act(self.fc1(x)))


torch.manual_seed(0)
mlp = Mlp(4, act_layer=partial(nn.ReLU, inplace=True))
out = mlp(torch.randn(2, 4))
out.sum().backward()
