# case: the constant is modified in place, then the product is recomputed before each backward
import torch

x = torch.randn(3, requires_grad=True)
w = torch.ones(3)
for step in range(3):
    w.mul_(0.5)
    y = x * w
    y.sum().backward()
print(x.grad)
