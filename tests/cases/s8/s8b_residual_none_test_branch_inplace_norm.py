# case: a norm layer whose forward adds the residual only when one is passed (`if residual is None: return ...`, else a tuple); called with a residual tensor it takes the second path, which squares the sum (pow saves it) and then normalises that sum in place
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
        var = x.pow(2).mean(-1, keepdim=True)  # saver
        x.mul_(torch.rsqrt(var + 1e-6))  # expect: GG002
        return x * self.weight, residual


torch.manual_seed(0)
proj = nn.Linear(4, 4)
norm = AddNorm(4)
h = torch.randn(2, 4)
out, res = norm(proj(h), h)
out.sum().backward()  # raises: RuntimeError: modified by an inplace operation
