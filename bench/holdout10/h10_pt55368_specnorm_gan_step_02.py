# source: https://github.com/pytorch/pytorch/issues/55368
# case: the usual repair: after the discriminator step the generator loss runs the (updated) discriminator again on the retained fake batch, so the generator backward only goes through a fresh D graph; the generator's own graph was kept by retain_graph=True and training runs
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils import spectral_norm

torch.manual_seed(0)


class Generator(nn.Module):
    def __init__(self, z_dim=4, hidden=16, out_dim=6):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(z_dim, hidden), nn.ReLU(), nn.Linear(hidden, out_dim), nn.Tanh())

    def forward(self, z):
        return self.net(z)


class Discriminator(nn.Module):
    def __init__(self, in_dim=6, hidden=16):
        super().__init__()
        self.fc1 = spectral_norm(nn.Linear(in_dim, hidden))
        self.fc2 = spectral_norm(nn.Linear(hidden, hidden))
        self.out = spectral_norm(nn.Linear(hidden, 1))

    def forward(self, x):
        x = F.leaky_relu(self.fc1(x), 0.2)
        x = F.leaky_relu(self.fc2(x), 0.2)
        return self.out(x)


def sample_real(n):
    t = torch.rand(n, 1) * 6.28
    return torch.cat([t.sin(), t.cos(), (2 * t).sin(), (2 * t).cos(), 0.5 * t.sin(), 0.5 * t.cos()], dim=1)


G, D = Generator(), Discriminator()
opt_g = torch.optim.Adam(G.parameters(), lr=2e-4, betas=(0.5, 0.999))
opt_d = torch.optim.Adam(D.parameters(), lr=2e-4, betas=(0.5, 0.999))

for step in range(3):
    real = sample_real(8)
    fake = G(torch.randn(8, 4))
    d_fake = D(fake)
    d_real = D(real)

    d_loss = F.softplus(-d_real).mean() + F.softplus(d_fake).mean()
    opt_d.zero_grad()
    d_loss.backward(retain_graph=True)
    opt_d.step()

    # a fresh discriminator pass after its update
    g_loss = F.softplus(-D(fake)).mean()
    opt_g.zero_grad()
    g_loss.backward()
    opt_g.step()
    print(step, round(d_loss.item(), 4), round(g_loss.item(), 4))
