# case: torch.add(..., out=y) where the out tensor requires grad
import torch

x = torch.randn(3)
y = torch.empty(3, requires_grad=True)
torch.add(x, 1, out=y)  # expect: GG007 # raises: RuntimeError: add(): functions with out=... arguments don't support automatic differentiation
