# case: in-place under torch.no_grad() still bumps the version of a sigmoid output that was saved (H14a)
import torch

x = torch.randn(3, requires_grad=True)
y = torch.sigmoid(x)  # saver
with torch.no_grad():
    y.mul_(2)  # expect: GG002
y.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
