# case: x *= 2 in a loop on a leaf that requires grad (fails on the first iteration)
import torch

x = torch.ones(3, requires_grad=True)
for step in range(3):
    x *= 2  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation.
loss = x.sum()
