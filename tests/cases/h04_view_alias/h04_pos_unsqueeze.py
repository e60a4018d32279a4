# case: unsqueeze returns a view; in-place on it modifies the saved tanh output
import torch

x = torch.randn(3, requires_grad=True)
y = x.tanh()  # saver
y.unsqueeze(0).mul_(2)  # expect: GG002
y.sum().backward()  # raises: RuntimeError: modified by an inplace operation
