# case: a hand-written SGD step rewritten out of place (`w = w - lr * w.grad`) in a one-line `if`; the next round's w.grad is None
import torch

w = torch.randn(3, requires_grad=True)
lr = 0.1
for step in range(2):
    loss = (w * w).sum()
    loss.backward()
    if step >= 0: w = w - lr * w.grad  # expect: GG009
    w.grad.zero_()  # raises: AttributeError: 'NoneType' object has no attribute 'zero_'
print(w)
