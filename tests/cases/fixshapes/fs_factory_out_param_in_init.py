# case: a module's `__init__` fills a parameter with `torch.linspace(..., out=self.freq)` with grad mode on
import torch
import torch.nn as nn


class Fourier(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.freq = nn.Parameter(torch.empty(n))
        torch.linspace(1.0, 2.0, n, out=self.freq)  # log-spaced in the original  # expect: GG007  # raises: RuntimeError: functions with out=... arguments don't support automatic differentiation

    def forward(self, t):
        return torch.sin(t[:, None] * self.freq)


f = Fourier(4)
f(torch.randn(3)).sum().backward()
print(f.freq.grad)
