# case: F.silu(..., inplace=True) on an exp output (ExpBackward saved it); SiLU itself keeps a copy, but exp's saved result is destroyed
import torch
import torch.nn.functional as F


def positive_features(x):
    e = torch.exp(x)  # saver
    return F.silu(e, inplace=True)  # expect: GG002


x = torch.randn(4, requires_grad=True)
positive_features(x).sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
