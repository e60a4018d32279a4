# case: a module's `__init__` makes a parameter and fills it in place (`self.scale.uniform_(0.5, 1.5)`) with grad mode on
import torch
import torch.nn as nn


class Scale(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.scale = nn.Parameter(torch.empty(n))
        self.scale.uniform_(0.5, 1.5)  # random init  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation

    def forward(self, x):
        return x * self.scale


s = Scale(3)
s(torch.randn(2, 3)).sum().backward()
print(s.scale.grad)
