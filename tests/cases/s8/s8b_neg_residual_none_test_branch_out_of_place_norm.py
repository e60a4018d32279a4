# case: the same norm layer written out of place on the residual path (`x = x * torch.rsqrt(var + 1e-6)`): called with a residual tensor it runs cleanly
import torch
import torch.nn as nn


class AddNorm(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(n))

    def forward(self, x, residual=None):
        if residual is None:
            return x * self.weight
        x = x + residual
        residual = x
        var = x.pow(2).mean(-1, keepdim=True)
        x = x * torch.rsqrt(var + 1e-6)
        return x * self.weight, residual


torch.manual_seed(0)
proj = nn.Linear(4, 4)
norm = AddNorm(4)
h = torch.randn(2, 4)
out, res = norm(proj(h), h)
out.sum().backward()
