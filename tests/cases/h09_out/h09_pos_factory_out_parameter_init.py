# case: a layer initialises its Parameter with torch.linspace(..., out=self.scale) in grad mode; out= on a tensor that requires grad raises (under no_grad it would also reset the parameter's requires_grad)
import torch
import torch.nn as nn


class Scales(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.scale = nn.Parameter(torch.empty(n))
        torch.linspace(0.5, 2.0, n, out=self.scale)  # expect: GG007  # raises: RuntimeError: functions with out=... arguments don't support automatic differentiation

    def forward(self, x):
        return x * self.scale


layer = Scales(4)
layer(torch.randn(3, 4)).sum().backward()
