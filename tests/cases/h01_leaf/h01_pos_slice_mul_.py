# case: x[0:2].mul_(2): in-place method on a slice (view) of a leaf (M1v)
import torch

x = torch.randn(4, requires_grad=True)
x[0:2].mul_(2)  # expect: GG001  # raises: RuntimeError: a view of a leaf Variable that requires grad is being used in an in-place operation.
