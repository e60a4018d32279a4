# case: clean twin: each generator step makes its `fake` again, so every backward goes through the weights as they are in that round
import torch
import torch.nn as nn

torch.manual_seed(0)
netG = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 4))
netD = nn.Sequential(nn.Linear(4, 8), nn.LeakyReLU(0.2), nn.Linear(8, 1))
opt_g = torch.optim.Adam(netG.parameters(), lr=1e-3)
noise = torch.randn(8, 4)
fake = netG(noise)
for j in range(3):
    fake = netG(noise)
    opt_g.zero_grad()
    err_g = -netD(fake).mean()
    err_g.backward(retain_graph=True)
    opt_g.step()
