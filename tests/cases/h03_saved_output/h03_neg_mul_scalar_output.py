# case: x * 2 does not save its output: y.add_(1) before backward is fine
import torch

x = torch.randn(3, requires_grad=True)
y = x * 2
y.add_(1)
y.sum().backward()
print(x.grad)
