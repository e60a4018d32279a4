# case: loading values into a leaf with copy_ outside no_grad
import torch

pretrained = torch.ones(3)
w = torch.empty(3, requires_grad=True)
w.copy_(pretrained)  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation.
