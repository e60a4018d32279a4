# case: torch.sin(a) saves a; a.mul_(2) before backward
import torch

x = torch.rand(3, requires_grad=True)
a = x + 1
y = torch.sin(a)  # saver
a.mul_(2)  # expect: GG002
y.sum().backward()  # raises: RuntimeError: modified by an inplace operation
