# case: in-place mul_ on an output of unbind() of a non-leaf tensor
# source: https://github.com/pytorch/pytorch/issues/36608
import torch

root = torch.arange(9.).reshape(3, 3).requires_grad_()
x = root.clone()
v1 = x.unbind()
v1[0].mul_(2)  # expect: GG003  # raises: RuntimeError: Output 0 of Unbind is a view and is being modified inplace
