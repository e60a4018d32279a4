# case: the activation is a functools.partial of F.relu with inplace=True bound; it overwrites a tanh output that tanh saved
import functools

import torch
import torch.nn as nn
import torch.nn.functional as F


class Head(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.proj = nn.Linear(dim, dim)
        self.act = functools.partial(F.relu, inplace=True)

    def forward(self, x):
        h = torch.tanh(self.proj(x))  # saver
        return self.act(h)  # expect: GG002


torch.manual_seed(0)
head = Head(4)
out = head(torch.randn(2, 4))
out.sum().backward()  # raises: RuntimeError: modified by an inplace operation
