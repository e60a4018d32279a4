# case: c[:] += 1 on a leaf; the user reported "no error, but not leaf anymore" (old torch); torch 2.13 raises at the op
# source: https://discuss.pytorch.org/t/inplace-operation-changes-is-leaf-attribute/120297
import torch

c = torch.randn(10, 3, 2, 32, requires_grad=True)
print(c.is_leaf)
c[:] += 1  # expect: GG001  # raises: RuntimeError: a view of a leaf Variable that requires grad is being used in an in-place operation
print(c.is_leaf)
