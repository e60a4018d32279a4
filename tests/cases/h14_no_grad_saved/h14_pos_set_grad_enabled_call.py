# case: grad mode switched off with the torch.set_grad_enabled(False) function call around an in-place on a saved tanh output
import torch

x = torch.randn(3, requires_grad=True)
y = x.tanh()  # saver
torch.set_grad_enabled(False)
y[0] = 0.0  # expect: GG002
torch.set_grad_enabled(True)
y.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
