# case: `z = y.mul_(2)` with a comment at the end of the line; tanh saved its output y, which the write changes
import torch

x = torch.randn(4, requires_grad=True)
y = torch.tanh(x)  # saver
z = y.mul_(2)  # scale  # expect: GG002
z.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(x.grad)
