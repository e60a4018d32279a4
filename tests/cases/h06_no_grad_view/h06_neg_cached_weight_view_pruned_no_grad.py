# case: the same pruner with the write through the cached view under no_grad, as weight surgery is written: the weight's entries are zeroed and the next forward uses them
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
    with torch.no_grad():
        flat[idx] = 0.0
print(layer.weight.sum().item())
