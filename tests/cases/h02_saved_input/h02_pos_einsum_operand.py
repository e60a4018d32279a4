# case: einsum keeps each operand for the other's gradient: modifying `b` after `einsum(..., a, b)` breaks the backward when `a` needs grad
import torch

w = torch.randn(2, 3, requires_grad=True)
a = w * 2
b = torch.randn(3, 4)
out = torch.einsum("ij,jk->ik", a, b)  # saver
b.add_(1)  # expect: GG002
out.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
