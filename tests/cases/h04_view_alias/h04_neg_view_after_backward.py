# case: a transposed view of the saved tanh output modified only after backward
import torch

x = torch.randn(2, 3, requires_grad=True)
y = torch.tanh(x)
y.sum().backward()
y.detach().t().mul_(0)
print(x.grad, y)
