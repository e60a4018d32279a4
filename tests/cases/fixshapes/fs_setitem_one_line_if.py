# case: an indexed write into a sigmoid's output in a one-line `if`
import torch

x = torch.randn(4, requires_grad=True)
y = x.sigmoid()  # saver
mask_first = True
if mask_first: y[0] = 0.0  # expect: GG002
y.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(x.grad)
