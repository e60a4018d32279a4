# case: a helper returns `t.sigmoid_()` of the tensor the caller passed, an exp output that exp saved
import torch


def squash(t):
    return t.sigmoid_()  # expect: GG002


x = torch.randn(4, requires_grad=True)
e = x.exp()  # saver
s = squash(e)
s.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(x.grad)
