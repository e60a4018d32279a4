# case: x[:, 1] += 1 on a 2-D leaf: in-place on a view of the leaf (M1v)
import torch

x = torch.randn(2, 3, requires_grad=True)
x[:, 1] += 1  # expect: GG001  # raises: RuntimeError: a view of a leaf Variable that requires grad is being used in an in-place operation.
