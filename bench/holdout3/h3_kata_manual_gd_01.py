# case: ML Katas "Manual Gradient Descent Step" solution sketch ("update using w = w - lr * grad. Reset gradients before the next step") run for several steps: the out-of-place update rebinds w to a non-leaf, so w.grad is None when the sketch resets it
# source: https://mlkatas.com/kata/23
import torch


def gradient_descent(w0=5.0, lr=0.1, steps=3):
    w = torch.tensor(w0, requires_grad=True)
    for _ in range(steps):
        loss = (w - 3) ** 2
        loss.backward()
        w = w - lr * w.grad  # expect: GG009
        w.grad.zero_()  # raises: AttributeError: 'NoneType' object has no attribute 'zero_'
    return w.item()


print(gradient_descent())  # should approach 3
