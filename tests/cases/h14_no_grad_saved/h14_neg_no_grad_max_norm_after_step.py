# case: max-norm constraint on every layer applied under no_grad after opt.step(), the usual place
import torch
import torch.nn as nn

torch.manual_seed(0)
net = nn.Sequential(nn.Linear(3, 8), nn.Tanh(), nn.Linear(8, 1))
opt = torch.optim.SGD(net.parameters(), lr=0.1)
for step in range(3):
    opt.zero_grad()
    loss = net(torch.randn(6, 3)).pow(2).mean()
    loss.backward()
    opt.step()
    with torch.no_grad():
        for m in net:
            if isinstance(m, nn.Linear):
                m.weight.renorm_(2, 0, 1.0)
print("ok", loss.item())
