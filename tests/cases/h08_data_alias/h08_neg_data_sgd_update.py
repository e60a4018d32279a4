# case: classic hand-written SGD through p.data after backward, on leaf parameters: no graph is alive, nothing is corrupted
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(3, 8), nn.Sigmoid(), nn.Linear(8, 1))
x, t = torch.randn(16, 3), torch.randn(16, 1)
lr = 0.1
for epoch in range(3):
    loss = (model(x) - t).pow(2).mean()
    model.zero_grad()
    loss.backward()
    for p in model.parameters():
        p.data.add_(-lr * p.grad)
    print(epoch, loss.item())
