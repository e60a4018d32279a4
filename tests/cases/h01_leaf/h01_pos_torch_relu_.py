# case: functional in-place spelling torch.relu_(x) on a leaf
import torch

x = torch.randn(3, requires_grad=True)
torch.relu_(x)  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation.
