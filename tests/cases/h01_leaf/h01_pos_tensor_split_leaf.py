# case: tensor_split of a leaf gives ordinary views (not multi-output views): in-place is M1v, not M3
import torch

x = torch.randn(4, requires_grad=True)
left, right = torch.tensor_split(x, 2)
left.mul_(2)  # expect: GG001  # raises: RuntimeError: a view of a leaf Variable that requires grad is being used in an in-place operation.
