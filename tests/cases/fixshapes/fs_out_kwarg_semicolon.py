# case: `torch.mul(a, b, out=c)` where an argument requires grad, between other statements on one line
import torch

a = torch.randn(3, requires_grad=True)
b = torch.randn(3)
c = torch.empty(3); torch.mul(a, b, out=c); d = c + 1  # expect: GG007  # raises: RuntimeError: functions with out=... arguments don't support automatic differentiation
print(d)
