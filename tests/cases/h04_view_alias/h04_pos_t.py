# case: in-place through y.t() of a saved tanh output
import torch

x = torch.randn(2, 3, requires_grad=True)
y = x.tanh()  # saver
y.t().add_(1)  # expect: GG002
y.sum().backward()  # raises: RuntimeError: modified by an inplace operation
