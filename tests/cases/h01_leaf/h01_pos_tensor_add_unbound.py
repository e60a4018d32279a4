# case: unbound-method spelling torch.Tensor.add_(x, 1) on a leaf
import torch

x = torch.randn(3, requires_grad=True)
torch.Tensor.add_(x, 1)  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation.
