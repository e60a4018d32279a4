# case: torch.matmul saves its input; x[0] = 0. (setitem) modifies it before backward
import torch

W = torch.randn(3, 2, requires_grad=True)
x = torch.randn(4, 3)
y = torch.matmul(x, W)  # saver
x[0] = 0.  # expect: GG002
y.sum().backward()  # raises: RuntimeError: modified by an inplace operation
