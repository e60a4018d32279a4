# case: re-normalising a weight under no_grad between forward and backward still bumps its version (H14)
import torch

x = torch.randn(4, 3, requires_grad=True)
W = torch.randn(3, 2, requires_grad=True)
y = x @ W  # saver
with torch.no_grad():
    W.div_(W.norm())  # expect: GG002
y.sum().backward()  # raises: RuntimeError: modified by an inplace operation
