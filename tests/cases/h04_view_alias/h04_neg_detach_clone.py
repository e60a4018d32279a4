# case: y.detach().clone() is a fresh tensor with its own version counter
import torch

x = torch.randn(3, requires_grad=True)
y = x.sigmoid()
z = y.detach().clone()
z.mul_(2)
y.sum().backward()
print(x.grad, z)
