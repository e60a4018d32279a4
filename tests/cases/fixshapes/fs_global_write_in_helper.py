# case: a helper writes in place into a module-level tensor (an exp's output that exp saved) without declaring it global
import torch

x = torch.randn(4, requires_grad=True)
y = x.exp()  # saver


def damp():
    y.mul_(0.5)  # expect: GG002


damp()
y.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(x.grad)
