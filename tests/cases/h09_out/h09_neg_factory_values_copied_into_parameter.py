# case: clean twin: the layer copies torch.linspace's values into its Parameter under no_grad, which keeps requires_grad, so the backward reaches it
import torch
import torch.nn as nn


class Scales(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.scale = nn.Parameter(torch.empty(n))
        with torch.no_grad():
            self.scale.copy_(torch.linspace(0.5, 2.0, n))

    def forward(self, x):
        return x * self.scale


layer = Scales(4)
layer(torch.randn(3, 4)).sum().backward()
assert layer.scale.grad is not None
