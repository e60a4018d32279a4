# case: a counted loop scales a sigmoid's output in place in its first round and leaves at the second (`if step == 1: break`); sigmoid saved that output, so the backward fails
import torch

x = torch.randn(3, requires_grad=True)
y = torch.sigmoid(x)  # saver
for step in range(3):
    if step == 1:
        break
    y.mul_(2)  # expect: GG002
y.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
