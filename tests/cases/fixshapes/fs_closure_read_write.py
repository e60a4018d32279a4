# case: a nested function (no `nonlocal`) writes in place into its enclosing function's exp output, which exp saved
import torch


def run(x):
    h = torch.exp(x)  # saver

    def bump():
        h.mul_(2)  # expect: GG002

    bump()
    return h


x = torch.randn(4, requires_grad=True)
run(x).sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(x.grad)
