# case: a helper adds to its argument in place and the caller reads that tensor again after the call (it sees the change): the out-of-place rewrite in the helper would change what the caller computes, so it is only offered as unsafe
import torch
import torch.nn as nn


def add_bias(x, b):
    x += b  # expect: GG002
    return x


torch.manual_seed(0)
lin = nn.Linear(4, 4)
y = torch.sigmoid(lin(torch.randn(3, 4)))  # saver
z = add_bias(y, 1.0)
loss = (z * y).sum()
loss.backward()  # raises: RuntimeError: modified by an inplace operation
