# case: the layers come from a generator function (`for layer in blocks(): out = layer(out)`); the last one it yields is nn.Sigmoid, whose output sigmoid saved and the caller then scales in place
import torch
import torch.nn as nn


def blocks(dim):
    yield nn.Linear(dim, dim)
    yield nn.Sigmoid()


torch.manual_seed(0)
out = torch.randn(2, 4)
for layer in blocks(4):
    out = layer(out)  # saver
out.mul_(2)  # expect: GG002
out.sum().backward()  # raises: RuntimeError: modified by an inplace operation
