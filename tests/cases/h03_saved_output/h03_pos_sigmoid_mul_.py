# case: sigmoid saves its output; y.mul_(2) before backward
import torch

x = torch.randn(3, requires_grad=True)
y = torch.sigmoid(x)  # saver
y.mul_(2)  # expect: GG002
y.sum().backward()  # raises: RuntimeError: modified by an inplace operation
