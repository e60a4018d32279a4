# case: in-place on x.clone() (a non-leaf) is fine and backward runs
import torch

x = torch.randn(3, requires_grad=True)
y = x.clone()
y.add_(1)
y[0] = 0.
y.sum().backward()
print(x.grad)
