# case: a view v = a[:2] is saved; modifying the base a bumps the shared counter
import torch

x = torch.randn(4, requires_grad=True)
a = x * 1
v = a[:2]
y = v.exp() * v  # saver
a.zero_()  # expect: GG002
y.sum().backward()  # raises: RuntimeError: modified by an inplace operation
