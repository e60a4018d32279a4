# case: requires_grad_() set on its own line, then an in-place random init with uniform_
import torch

w = torch.zeros(4, 2)
w.requires_grad_()
w.uniform_(-1, 1)  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation.
