# case: a function scales a tensor that requires grad into a preallocated buffer with out=
import torch


def step(lr_scale):
    x = torch.randn(3, requires_grad=True)
    buf = torch.empty(3)
    torch.mul(x, lr_scale, out=buf)  # expect: GG007 # raises: RuntimeError: mul(): functions with out=... arguments don't support automatic differentiation
    buf.sum().backward()
    return x.grad


step(2.0)
