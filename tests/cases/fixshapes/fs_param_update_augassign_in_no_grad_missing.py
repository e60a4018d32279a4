# case: a hand-written update `w -= lr * w.grad` in a helper, with grad mode on (a leaf updated in place)
import torch


def sgd(params, lr):
    for p in params:
        p -= lr * p.grad  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation


w = torch.randn(3, requires_grad=True)
(w * w).sum().backward()
sgd([w], 0.1)
print(w)
