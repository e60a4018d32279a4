# case: in-place through y.view(2, 2) of a saved sigmoid output
import torch

x = torch.randn(4, requires_grad=True)
y = x.sigmoid()  # saver
y.view(2, 2).zero_()  # expect: GG002
y.sum().backward()  # raises: RuntimeError: modified by an inplace operation
