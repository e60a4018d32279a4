# case: hand-written SGD step `w -= lr * w.grad` without torch.no_grad(): in-place on a leaf that requires grad
import torch

torch.manual_seed(0)
w = torch.randn(3, requires_grad=True)
x = torch.randn(8, 3)
lr = 0.1
for epoch in range(3):
    loss = (x @ w).pow(2).mean()
    loss.backward()
    w -= lr * w.grad  # expect: GG001 # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation.
    w.grad.zero_()
