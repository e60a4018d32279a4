# case: `__init__` asks a module-level helper for a scaling function (a closure the helper defines and returns, not a method of the module); forward applies it to a sigmoid output, which it scales in place, and sigmoid saved that output for backward
import torch
import torch.nn as nn


def make_scale(factor):
    def scale(t):
        return t.mul_(factor)  # expect: GG002

    return scale


class Gate(nn.Module):
    def __init__(self, dim, factor=2.0):
        super().__init__()
        self.proj = nn.Linear(dim, dim)
        self.scale = make_scale(factor)

    def forward(self, x):
        gate = torch.sigmoid(self.proj(x))  # saver
        return self.scale(gate) * x


gate = Gate(4)
gate(torch.randn(3, 4)).sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
