# case: a helper scales its argument in place; the caller passed the sigmoid output it later backpropagates through and also prints
import torch


def scale(t, k):
    t.mul_(k)  # expect: GG002


x = torch.randn(4, requires_grad=True)
y = x.sigmoid()  # saver
scale(y, 2.0)
print(y.detach().sum())
y.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(x.grad)
