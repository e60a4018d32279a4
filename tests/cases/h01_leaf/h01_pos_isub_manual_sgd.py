# case: hand-written SGD step "w -= lr * w.grad" without torch.no_grad()
import torch

w = torch.randn(3, requires_grad=True)
loss = (w * w).sum()
loss.backward()
w -= 0.1 * w.grad  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation.
