# case: nn.Parameter(t) shares storage and version counter with t; y = v * v saves v, then t.add_(1) updates the source tensor before backward
# source: https://github.com/pytorch/pytorch/pull/22821
import torch

t = torch.ones(2, 3)
v = torch.nn.Parameter(t)
y = v * v  # saver
t.add_(1)  # This bumps version counter of `t`  # expect: GG002
y.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
