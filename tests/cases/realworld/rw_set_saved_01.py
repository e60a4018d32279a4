# case: x.set_(y) swaps the storage of a tensor that x ** 2 saved; autograd treats it as an in-place change
# source: https://github.com/pytorch/pytorch/issues/97500
import torch

x = torch.tensor(2., requires_grad=True).clone()
y = torch.tensor(1.)
out = x ** 2  # saver
x.set_(y)  # expect: GG002
out.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
