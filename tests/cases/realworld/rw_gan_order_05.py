# case: SinGAN-style G loop: the same `fake` (made by netG before its update) is reused for several G steps, so the 2nd errG.backward hits weights changed by optimizerG.step()
# source: https://github.com/tamarott/SinGAN/issues/148
import torch
import torch.nn as nn
import torch.optim as optim

netG = nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.LeakyReLU(0.2), nn.Conv2d(4, 3, 3, padding=1), nn.Tanh())
netD = nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.LeakyReLU(0.2), nn.Conv2d(4, 1, 3, padding=1))
optimizerD = optim.Adam(netD.parameters(), lr=0.0005, betas=(0.5, 0.999))
optimizerG = optim.Adam(netG.parameters(), lr=0.0005, betas=(0.5, 0.999))
real = torch.randn(1, 3, 8, 8)
Dsteps, Gsteps = 3, 3

for epoch in range(1):
    # (1) Update D network
    for j in range(Dsteps):
        netD.zero_grad()
        output = netD(real)
        errD_real = -output.mean()
        errD_real.backward(retain_graph=True)
        noise = torch.randn(1, 3, 8, 8)
        fake = netG(noise.detach())  # saver
        output = netD(fake.detach())
        errD_fake = output.mean()
        errD_fake.backward(retain_graph=True)
        optimizerD.step()

    # (2) Update G network
    for j in range(Gsteps):
        netG.zero_grad()
        output = netD(fake)
        errG = -output.mean()
        errG.backward(retain_graph=True)  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
        optimizerG.step()  # expect: GG002
