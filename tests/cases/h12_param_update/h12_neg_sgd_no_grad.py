# case: hand-written SGD step inside `with torch.no_grad():`, gradient reset with w.grad = None (H12a)
import torch

torch.manual_seed(0)
w = torch.randn(3, requires_grad=True)
x = torch.randn(8, 3)
lr = 0.1
for epoch in range(3):
    loss = (x @ w).pow(2).mean()
    loss.backward()
    with torch.no_grad():
        w -= lr * w.grad
    w.grad = None
print("ok", w.is_leaf, loss.item())
