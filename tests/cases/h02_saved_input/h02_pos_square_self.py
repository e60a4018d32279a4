# case: a * a saves a (a non-leaf); a.add_(1) before backward
import torch

x = torch.randn(3, requires_grad=True)
a = x * 2
y = a * a  # saver
a.add_(1)  # expect: GG002
y.sum().backward()  # raises: RuntimeError: modified by an inplace operation
