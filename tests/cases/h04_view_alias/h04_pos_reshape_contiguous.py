# case: reshape of a contiguous tensor returns a view: in-place on it bumps the saved exp output
import torch

x = torch.randn(2, 3, requires_grad=True)
y = x.exp()  # saver
flat = y.reshape(6)
flat.mul_(2)  # expect: GG002
y.sum().backward()  # raises: RuntimeError: modified by an inplace operation
