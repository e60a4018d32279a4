# case: advanced (list) indexing y[[0, 1]] makes a copy: in-place on the copy does not touch y
import torch

x = torch.randn(4, requires_grad=True)
y = x.exp()
y[[0, 1]].mul_(2)
y.sum().backward()
print(x.grad)
