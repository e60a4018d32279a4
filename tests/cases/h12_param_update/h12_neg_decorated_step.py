# case: a @torch.no_grad() decorated step function updates all parameters in place
import torch
import torch.nn as nn


@torch.no_grad()
def sgd_step(params, lr):
    for p in params:
        if p.grad is not None:
            p.add_(p.grad, alpha=-lr)
            p.grad = None


torch.manual_seed(0)
model = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 1))
x, y = torch.randn(8, 3), torch.randn(8, 1)
for epoch in range(3):
    loss = nn.functional.mse_loss(model(x), y)
    loss.backward()
    sgd_step(model.parameters(), lr=0.1)
print("ok", loss.item())
