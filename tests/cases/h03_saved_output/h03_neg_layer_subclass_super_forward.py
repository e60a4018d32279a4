# case: a gate module derives from nn.Sigmoid and calls `super().forward(x)`; the caller scales the gate out of place, so the saved sigmoid output is intact
import torch
import torch.nn as nn


class Gate(nn.Sigmoid):
    def __init__(self, bias):
        super().__init__()
        self.bias = bias

    def forward(self, x):
        return super().forward(x + self.bias)


gate = Gate(0.5)
x = torch.randn(4, requires_grad=True)
g = gate(x)
g = g * 2
g.sum().backward()
