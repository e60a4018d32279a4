# case: GAN loop (clean twin): the scores of the fakes are computed again after the D update, so the G backward goes through the updated D weights
import torch
import torch.nn as nn

torch.manual_seed(0)
netG = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 4))
netD = nn.Sequential(nn.Linear(4, 8), nn.LeakyReLU(0.2), nn.Linear(8, 1), nn.Sigmoid())
opt_g = torch.optim.Adam(netG.parameters(), lr=1e-3)
opt_d = torch.optim.Adam(netD.parameters(), lr=1e-3)
data = [(torch.randn(8, 4), torch.randn(8, 4)) for _ in range(2)]

step = 0
for noise, real in data:
    step += 1
    fake = netG(noise)
    real_score = netD(real)
    fake_score = netD(fake)

    if step % 1 == 0:
        opt_d.zero_grad()
        d_loss = -torch.log(real_score + 1e-8).mean() - torch.log(1 - fake_score + 1e-8).mean()
        d_loss.backward(retain_graph=True)
        opt_d.step()

    fake_score = netD(fake)
    if step % 1 == 0:
        opt_g.zero_grad()
        g_loss = -torch.log(fake_score + 1e-8).mean()
        g_loss.backward()
        opt_g.step()
