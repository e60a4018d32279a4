# case: a nested function declared `nonlocal` updates the enclosing function's exp output (exp saved it) in place
import torch
import torch.nn.functional as F


def run(x):
    h = torch.exp(x)  # saver

    def bump():
        nonlocal h
        h.mul_(2)  # expect: GG002

    bump()
    return h


x = torch.randn(4, requires_grad=True)
run(x).sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(x.grad)
