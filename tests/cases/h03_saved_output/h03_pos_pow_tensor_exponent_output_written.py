# case: x ** e with an exponent that requires grad keeps its result (d/de x**e = x**e * log x); scaling the result in place breaks the backward
import torch

torch.manual_seed(0)
x = torch.rand(3) + 0.5
e = torch.randn(3, requires_grad=True)
y = x.pow(e * 1)  # saver
y.mul_(5)  # expect: GG002
y.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
