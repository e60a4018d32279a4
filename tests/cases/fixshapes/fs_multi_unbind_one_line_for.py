# case: the pieces of `x.unbind(0)` written in place in a one-line `for` body
import torch

w = torch.randn(3, 4, requires_grad=True)
x = w * 2
for row in x.unbind(0): row.mul_(0.5)  # expect: GG003  # raises: RuntimeError: is a view and is being modified inplace
x.sum().backward()
print(w.grad)
