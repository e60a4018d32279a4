# case: x + 1 does not save its output: y.mul_(2) and y[0] = 0. are fine
import torch

x = torch.randn(3, requires_grad=True)
y = x + 1
y.mul_(2)
y[0] = 0.
y.sum().backward()
print(x.grad)
