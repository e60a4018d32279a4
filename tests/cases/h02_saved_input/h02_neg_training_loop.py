# case: standard loop zero_grad -> forward -> backward -> step: the step follows the only backward
import torch
import torch.nn as nn

net = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 1))
opt = torch.optim.SGD(net.parameters(), lr=0.1)
data = torch.randn(5, 4)
for epoch in range(3):
    opt.zero_grad()
    loss = net(data).pow(2).mean()
    loss.backward()
    opt.step()
print(loss.item())
