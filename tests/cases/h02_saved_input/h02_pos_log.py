# case: torch.log(a) saves a; a.add_(1) before backward
import torch

x = torch.rand(3, requires_grad=True)
a = x + 1
y = torch.log(a)  # saver
a.add_(1)  # expect: GG002
y.sum().backward()  # raises: RuntimeError: modified by an inplace operation
