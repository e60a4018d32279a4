# case: exp saves its output; y[0] = 0. before backward
import torch

x = torch.randn(3, requires_grad=True)
y = x.exp()  # saver
y[0] = 0.  # expect: GG002
y.sum().backward()  # raises: RuntimeError: modified by an inplace operation
