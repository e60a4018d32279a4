# case: augmented assignment x += 1 inside a helper, on a leaf passed in
import torch


def shift(t):
    t += 1  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation.
    return t


w = torch.zeros(4, requires_grad=True)
out = shift(w)
out.sum().backward()
