# case: a module updates its own nn.Parameter in place inside forward()
import torch
import torch.nn as nn


class Decay(nn.Module):
    def __init__(self):
        super().__init__()
        self.scale = nn.Parameter(torch.ones(3))

    def forward(self, x):
        self.scale.mul_(0.9)  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation.
        return x * self.scale


m = Decay()
m(torch.randn(2, 3)).sum().backward()
