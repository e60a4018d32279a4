# case: tanh saves its output; y += 1 before backward
import torch

x = torch.randn(3, requires_grad=True)
y = x.tanh()  # saver
y += 1  # expect: GG002
y.sum().backward()  # raises: RuntimeError: modified by an inplace operation
