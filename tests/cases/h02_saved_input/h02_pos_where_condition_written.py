# case: torch.where keeps its condition for backward; flipping the condition in place afterwards breaks the backward
import torch

torch.manual_seed(0)
a = torch.randn(3, requires_grad=True)
cond = a > 0
y = torch.where(cond, a * 1, a * 2)  # saver
cond.logical_not_()  # expect: GG002
y.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
