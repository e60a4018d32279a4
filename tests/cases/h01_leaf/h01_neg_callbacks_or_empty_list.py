# case: an initializer object keeps the functions it is given as `fns or []` and applies each to a parameter under torch.no_grad(), where rescaling a leaf in place is allowed
import torch
import torch.nn as nn


def halve(tensor):
    tensor.mul_(0.5)


class Initializer:
    def __init__(self, fns=None):
        self.fns = fns or []

    def __call__(self, tensor):
        with torch.no_grad():
            for fn in self.fns:
                fn(tensor)


weight = nn.Parameter(torch.randn(3, 3))
Initializer([halve])(weight)
