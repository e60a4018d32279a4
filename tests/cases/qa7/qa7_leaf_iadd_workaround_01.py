# case: x += 1 on a tensor created with requires_grad=True (the page's signature error)
# source: https://deadends.dev/pytorch/runtime-error-inplace/pt2-linux
import torch

x = torch.ones(3, requires_grad=True)
x += 1  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation
loss = (x * x).sum()
loss.backward()
