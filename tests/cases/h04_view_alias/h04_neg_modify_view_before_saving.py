# case: the view is modified BEFORE the op that saves the base runs
import torch

x = torch.randn(4, requires_grad=True)
h = x * 1
h[:2].mul_(2)
y = h.sigmoid()
y.sum().backward()
print(x.grad)
