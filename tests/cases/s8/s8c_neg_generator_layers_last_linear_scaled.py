# case: the layers come from a generator function; it yields nn.Sigmoid first and nn.Linear last, which saves its input, not its output: scaling that output in place is safe
import torch
import torch.nn as nn


def blocks(dim):
    yield nn.Sigmoid()
    yield nn.Linear(dim, dim)


torch.manual_seed(0)
out = torch.randn(2, 4)
for layer in blocks(4):
    out = layer(out)
out.mul_(2)
out.sum().backward()
