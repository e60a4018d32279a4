# case: torch.mm(x, W) saves the input x for W's gradient; x.add_(1) before backward
import torch

W = torch.randn(3, 2, requires_grad=True)
x = torch.randn(4, 3)
y = torch.mm(x, W)  # saver
x.add_(1)  # expect: GG002
y.sum().backward()  # raises: RuntimeError: modified by an inplace operation
