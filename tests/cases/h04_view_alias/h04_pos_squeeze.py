# case: squeeze returns a view; z += 1 modifies the saved tanh output
import torch

x = torch.randn(1, 3, requires_grad=True)
y = x.tanh()  # saver
z = y.squeeze(0)
z += 1  # expect: GG002
y.sum().backward()  # raises: RuntimeError: modified by an inplace operation
