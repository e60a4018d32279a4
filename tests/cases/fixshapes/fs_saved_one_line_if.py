# case: an in-place write to a sigmoid's output (which sigmoid saved) in a one-line `if`
import torch

x = torch.randn(4, requires_grad=True)
y = torch.sigmoid(x)  # saver
scale = True
if scale: y.mul_(2)  # expect: GG002
y.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(x.grad)
