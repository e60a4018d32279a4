# case: x[0] += 0 on a leaf while other views of it (xx = x[2:]) exist; the maintainer notes it raises once the .clone() is removed
# source: https://github.com/pytorch/pytorch/issues/8874
import torch

x = torch.ones(4, requires_grad=True)
xx = x[2:]
y = xx[1]
xx.retain_grad()
x[0] += 0  # expect: GG001  # raises: RuntimeError: a view of a leaf Variable that requires grad is being used in an in-place operation
y.backward()
