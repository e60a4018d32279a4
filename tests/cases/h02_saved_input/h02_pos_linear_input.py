# case: F.linear(x, W, b) saves x for W's gradient; input normalised in place before backward
import torch
import torch.nn.functional as F

W = torch.randn(2, 3, requires_grad=True)
b = torch.zeros(2, requires_grad=True)
x = torch.randn(4, 3)
y = F.linear(x, W, b)  # saver
x.mul_(0.5)  # expect: GG002
y.sum().backward()  # raises: RuntimeError: modified by an inplace operation
