# case: a.pow(2) saves a; a.sub_(1) before backward
import torch

x = torch.rand(3, requires_grad=True)
a = x + 1
y = a.pow(2)  # saver
a.sub_(1)  # expect: GG002
y.sum().backward()  # raises: RuntimeError: modified by an inplace operation
