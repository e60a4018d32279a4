# case: leaf made with torch.zeros(3).requires_grad_(), then clamp_
import torch

w = torch.zeros(3).requires_grad_()
w.clamp_(min=0.5)  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation.
