# case: GAN discriminator with BatchNorm called on fake then real before one backward (without DDP): the second call updates running_mean/var in place, but train-mode BN saves batch statistics, so backward works
# source: https://github.com/pytorch/pytorch/issues/175024
import torch
import torch.nn as nn

disc = nn.Sequential(
    nn.Conv2d(3, 8, 4, 2, 1),
    nn.BatchNorm2d(8),
    nn.LeakyReLU(0.2),
    nn.Conv2d(8, 1, 4, 1, 0),
)
gen = nn.Sequential(nn.ConvTranspose2d(4, 3, 8, 1, 0), nn.Tanh())
opt_d = torch.optim.Adam(disc.parameters(), lr=2e-4)

real = torch.randn(2, 3, 8, 8)
fake = gen(torch.randn(2, 4, 1, 1))

d_fake = disc(fake.detach())
d_real = disc(real)
loss_d = torch.relu(1.0 + d_fake).mean() + torch.relu(1.0 - d_real).mean()
opt_d.zero_grad()
loss_d.backward()
opt_d.step()
