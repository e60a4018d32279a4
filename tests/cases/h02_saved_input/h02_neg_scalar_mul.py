# case: a * 2 (Python scalar) saves nothing that a.add_(1) can invalidate: backward runs
import torch

x = torch.randn(3, requires_grad=True)
a = x * 1
y = a * 2
a.add_(1)
y.sum().backward()
print(x.grad)
