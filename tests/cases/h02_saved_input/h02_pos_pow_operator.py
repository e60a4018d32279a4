# case: a ** 2 saves a; a /= 2 before backward
import torch

x = torch.rand(3, requires_grad=True)
a = x + 1
y = a ** 2  # saver
a /= 2  # expect: GG002
y.sum().backward()  # raises: RuntimeError: modified by an inplace operation
