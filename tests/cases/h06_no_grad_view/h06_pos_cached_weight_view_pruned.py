# case: a pruner caches a flat view of a layer's weight under no_grad and, after the optimizer steps, zeroes the smallest entries through it with grad mode on (a copy would not prune the weight, and after the step even reading the view with grad mode on fails)
import torch
import torch.nn as nn

torch.manual_seed(0)
layer = nn.Linear(4, 3)
with torch.no_grad():
    flat = layer.weight.view(-1)
    idx = flat.abs().argsort()[:3]
opt = torch.optim.SGD(layer.parameters(), lr=0.1)
for step in range(2):
    loss = layer(torch.randn(5, 4)).pow(2).mean()
    print("loss", loss.item())
    opt.zero_grad()
    loss.backward()
    opt.step()
    flat[idx] = 0.0  # expect: GG004  # raises: RuntimeError: A view was created in no_grad mode and is being modified inplace with grad mode enabled
print(layer.weight.sum().item())
