# case: a lambda applies an in-place method to a sigmoid's output; the in-place call is the lambda's value
import torch

squash = lambda t: t.sigmoid().mul_(2)  # noqa: E731  # expect: GG002  # saver
x = torch.randn(4, requires_grad=True)
y = squash(x)
y.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(x.grad)
