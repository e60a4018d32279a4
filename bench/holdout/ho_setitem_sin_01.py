# case: writing a function of one element of a tensor into another element of the same tensor (a[0] = a[1].sin()): sin saved a[1], and the write bumps the version shared by the whole storage
# source: https://github.com/pytorch/pytorch/issues/114505
import torch

a = torch.tensor([1., 2.], requires_grad=True).clone()
a[0] = a[1].sin()  # expect: GG002  # saver
a.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
