# case: gradient accumulation: two forward/backward passes, then one optimizer.step()
import torch
import torch.nn as nn

net = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 1))
opt = torch.optim.SGD(net.parameters(), lr=0.1)
opt.zero_grad()
for micro in torch.randn(2, 3, 4):
    loss = net(micro).pow(2).mean() / 2
    loss.backward()
opt.step()
print(loss.item())
