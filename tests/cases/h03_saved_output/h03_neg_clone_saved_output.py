# case: tanh output cloned before the in-place op: the saved output stays untouched
import torch

x = torch.randn(3, requires_grad=True)
y = torch.tanh(x)
z = y.clone()
z.mul_(2)
(y + z).sum().backward()
print(x.grad)
