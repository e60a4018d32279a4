# case: exp output modified in place only after backward
import torch

x = torch.randn(3, requires_grad=True)
y = x.exp()
y.sum().backward()
y.mul_(0)
print(x.grad, y)
