# case: the Variable(t).requires_grad_() spelling from the same PR: v aliases t, y = v * v saves v, t.add_(1) before backward
# source: https://github.com/pytorch/pytorch/pull/22821
import torch

t = torch.ones(2, 3)
v = torch.autograd.Variable(t).requires_grad_()
y = v * v  # saver
t.add_(1)  # This bumps version counter of `t`  # expect: GG002
y.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
