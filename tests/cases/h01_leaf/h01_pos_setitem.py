# case: x[0] = 0. on a leaf: setitem writes through a view of the leaf (M1v)
import torch

x = torch.randn(3, requires_grad=True)
x[0] = 0.  # expect: GG001  # raises: RuntimeError: a view of a leaf Variable that requires grad is being used in an in-place operation.
