# case: `for p in model.parameters(): p -= lr * p.grad` without torch.no_grad()
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 1))
x, y = torch.randn(8, 3), torch.randn(8, 1)
loss = nn.functional.mse_loss(model(x), y)
model.zero_grad()
loss.backward()
for p in model.parameters():
    p -= 0.01 * p.grad  # expect: GG001 # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation.
