# case: x * w saves the constant w (x requires grad); w.add_(1) before backward
import torch

x = torch.randn(3, requires_grad=True)
w = torch.randn(3)
y = x * w  # saver
w.add_(1)  # expect: GG002
y.sum().backward()  # raises: RuntimeError: modified by an inplace operation
