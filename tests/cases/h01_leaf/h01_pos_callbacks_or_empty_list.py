# case: an initializer object keeps the functions it is given as `fns or []` and applies each to a parameter; the one given rescales its tensor in place, with grad mode on, on a leaf that requires grad
import torch
import torch.nn as nn


def halve(tensor):
    tensor.mul_(0.5)  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation


class Initializer:
    def __init__(self, fns=None):
        self.fns = fns or []

    def __call__(self, tensor):
        for fn in self.fns:
            fn(tensor)


weight = nn.Parameter(torch.randn(3, 3))
Initializer([halve])(weight)
