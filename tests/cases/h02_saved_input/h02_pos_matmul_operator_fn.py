# case: x @ W inside a function; caller zeroes the input batch buffer before backward
import torch


def project(x, W):
    return x @ W  # saver


W = torch.randn(3, 2, requires_grad=True)
batch = torch.randn(4, 3)
out = project(batch, W)
batch.zero_()  # expect: GG002
out.pow(2).sum().backward()  # raises: RuntimeError: modified by an inplace operation
