# case: a gate whose first-call path (no residual passed) scales its sigmoid output in place, a hazard on that path only; every call passes a residual tensor, so the out-of-place path runs and the backward is clean
import torch
import torch.nn as nn


class Gate(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.proj = nn.Linear(n, n)

    def forward(self, x, residual=None):
        if residual is None:
            y = torch.sigmoid(self.proj(x))
            y.mul_(2.0)  # expect: GG002
            return y
        return torch.sigmoid(self.proj(x)) * 2.0 + residual


torch.manual_seed(0)
gate = Gate(4)
h = torch.randn(2, 4)
out = gate(h, torch.zeros(2, 4))
out = gate(out, h)
out.sum().backward()
