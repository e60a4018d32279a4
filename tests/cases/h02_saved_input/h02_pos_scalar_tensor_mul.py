# case: a * w with a 0-dim w that requires grad saves a (unlike a * 2); then a += 1
import torch

x = torch.randn(3, requires_grad=True)
w = torch.tensor(2.0, requires_grad=True)
a = x * 1
y = a * w  # saver
a += 1  # expect: GG002
y.sum().backward()  # raises: RuntimeError: modified by an inplace operation
