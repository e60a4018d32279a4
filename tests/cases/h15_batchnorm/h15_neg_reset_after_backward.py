# case: running stats reset / edited after backward and opt.step(), before the next forward
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(3, 6), nn.BatchNorm1d(6), nn.ReLU(), nn.Linear(6, 1))
opt = torch.optim.SGD(model.parameters(), lr=0.1)
for epoch in range(3):
    opt.zero_grad()
    loss = model(torch.randn(8, 3)).pow(2).mean()
    loss.backward()
    opt.step()
    model[1].reset_running_stats()
    model[1].running_var.clamp_(min=1e-3)
print("ok", loss.item())
