# case: p.data -= lr * p.grad after backward (old-style update): runs, parameters stay leaves
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Linear(3, 1)
x, y = torch.randn(8, 3), torch.randn(8, 1)
for epoch in range(3):
    model.zero_grad()
    loss = nn.functional.mse_loss(model(x), y)
    loss.backward()
    for p in model.parameters():
        p.data -= 0.1 * p.grad
print("ok", model.weight.is_leaf, loss.item())
