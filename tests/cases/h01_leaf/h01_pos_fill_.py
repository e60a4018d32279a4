# case: fill_ on a leaf that requires grad
import torch

bias = torch.empty(5, requires_grad=True)
bias.fill_(0.1)  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation.
