# case: nn.Module forward writes x @ weight into a registered buffer with out=; the weight is a Parameter
import torch
import torch.nn as nn


class PreallocLinear(nn.Module):
    def __init__(self, n_in, n_out, batch):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(n_in, n_out))
        self.register_buffer("out_buf", torch.empty(batch, n_out))

    def forward(self, x):
        torch.matmul(x, self.weight, out=self.out_buf)  # expect: GG007 # raises: RuntimeError: matmul(): functions with out=... arguments don't support automatic differentiation
        return self.out_buf


m = PreallocLinear(3, 2, batch=4)
m(torch.randn(4, 3)).sum().backward()
