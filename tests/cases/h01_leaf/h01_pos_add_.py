# case: add_ on a leaf that requires grad raises at the in-place call
import torch

x = torch.randn(3, requires_grad=True)
x.add_(1)  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation.
print(x.sum())
