# case: a gate module derives from nn.Sigmoid and calls `super().forward(x)`; the sigmoid (which saves its output) is the base layer's, and the caller scales the gate in place
import torch
import torch.nn as nn


class Gate(nn.Sigmoid):
    def __init__(self, bias):
        super().__init__()
        self.bias = bias

    def forward(self, x):
        return super().forward(x + self.bias)  # saver


gate = Gate(0.5)
x = torch.randn(4, requires_grad=True)
g = gate(x)
g.mul_(2)  # expect: GG002
g.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
