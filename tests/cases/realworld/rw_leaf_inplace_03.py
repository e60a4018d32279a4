# case: index_copy_ directly on a leaf that requires grad (one of the operations listed in the thread)
# source: https://discuss.pytorch.org/t/inplace-operation-changes-is-leaf-attribute/120297
import torch

c = torch.randn(10, 3, 2, 32, requires_grad=True)
print(c.is_leaf)
c.index_copy_(3, torch.tensor([10]), torch.randn(10, 3, 2, 1))  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation
