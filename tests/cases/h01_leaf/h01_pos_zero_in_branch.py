# case: zero_ on a leaf inside an if branch that is taken
import torch

reset = True
x = torch.randn(3, requires_grad=True)
if reset:
    x.zero_()  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation.
y = (x * 2).sum()
