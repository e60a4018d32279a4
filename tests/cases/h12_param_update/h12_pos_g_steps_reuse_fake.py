# case: several generator steps in a loop reuse one `fake` made before the loop; the second round's backward goes through the generator weights the first round's step changed
import torch
import torch.nn as nn

torch.manual_seed(0)
netG = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 4))  # saver
netD = nn.Sequential(nn.Linear(4, 8), nn.LeakyReLU(0.2), nn.Linear(8, 1))
opt_g = torch.optim.Adam(netG.parameters(), lr=1e-3)
noise = torch.randn(8, 4)
fake = netG(noise)
for j in range(3):
    opt_g.zero_grad()
    err_g = -netD(fake).mean()
    err_g.backward(retain_graph=True)  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    opt_g.step()  # expect: GG002
