# case: x / b saves the divisor b (a constant); b.mul_(2) before backward
import torch

x = torch.randn(3, requires_grad=True)
b = torch.rand(3) + 1
y = x / b  # saver
b.mul_(2)  # expect: GG002
y.sum().backward()  # raises: RuntimeError: modified by an inplace operation
