# case: an in-place write in the `else` of a `while` loop on a sigmoid's output
import torch

x = torch.randn(4, requires_grad=True)
y = torch.sigmoid(x)  # saver
n = 0
while n < 2:
    n += 1
else:
    y.sub_(0.5)  # expect: GG002
y.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(x.grad)
