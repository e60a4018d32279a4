# case: torch.add(c, 1, out=c) where c requires grad
# source: https://discuss.pytorch.org/t/inplace-operation-changes-is-leaf-attribute/120297
import torch

c = torch.randn(10, 3, 2, 32, requires_grad=True)
torch.add(c, 1, out=c)  # expect: GG007  # raises: RuntimeError: functions with out=... arguments don't support automatic differentiation
