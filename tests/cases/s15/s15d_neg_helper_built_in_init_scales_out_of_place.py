# case: the same helper-made scaling function, which scales out of place: the sigmoid output autograd saved is left as it was
import torch
import torch.nn as nn


def make_scale(factor):
    def scale(t):
        return t.mul(factor)

    return scale


class Gate(nn.Module):
    def __init__(self, dim, factor=2.0):
        super().__init__()
        self.proj = nn.Linear(dim, dim)
        self.scale = make_scale(factor)

    def forward(self, x):
        gate = torch.sigmoid(self.proj(x))
        return self.scale(gate) * x


gate = Gate(4)
gate(torch.randn(3, 4)).sum().backward()
