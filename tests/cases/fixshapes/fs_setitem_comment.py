# case: an indexed write into an exp's output that reads the tensor it writes, with a comment at the end of the line
import torch

x = torch.randn(4, requires_grad=True)
y = x.exp()  # saver
y[1:] = y[1:] * 0.5  # damp the tail  # expect: GG002
y.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(x.grad)
