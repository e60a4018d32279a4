# case: FactorVAE Solver.train(): D_z = self.D(z) is computed from the VAE's z, vae_loss.backward(retain_graph=True) and self.optim_VAE.step() update the encoder, then D_tc_loss (which reuses D_z) backpropagates through the encoder weights the step just changed
# source: https://github.com/1Konny/FactorVAE/issues/15
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim


def recon_loss(x, x_recon):
    n = x.size(0)
    return F.binary_cross_entropy_with_logits(x_recon, x, reduction="sum").div(n)


def kl_divergence(mu, logvar):
    return -0.5 * (1 + logvar - mu ** 2 - logvar.exp()).sum(1).mean()


def permute_dims(z):
    assert z.dim() == 2
    B, _ = z.size()
    perm_z = []
    for z_j in z.split(1, 1):
        perm = torch.randperm(B).to(z.device)
        perm_z.append(z_j[perm])
    return torch.cat(perm_z, 1)


class Discriminator(nn.Module):
    def __init__(self, z_dim):
        super(Discriminator, self).__init__()
        self.net = nn.Sequential(
            nn.Linear(z_dim, 16),
            nn.LeakyReLU(0.2, True),
            nn.Linear(16, 16),
            nn.LeakyReLU(0.2, True),
            nn.Linear(16, 2),
        )

    def forward(self, z):
        return self.net(z).squeeze()


class FactorVAE1(nn.Module):
    def __init__(self, z_dim=4):
        super(FactorVAE1, self).__init__()
        self.z_dim = z_dim
        self.encode = nn.Sequential(
            nn.Conv2d(1, 8, 4, 2, 1),
            nn.ReLU(True),
            nn.Conv2d(8, 8, 4, 2, 1),
            nn.ReLU(True),
            nn.Conv2d(8, 16, 4, 1),
            nn.ReLU(True),
            nn.Conv2d(16, 2 * z_dim, 1),
        )
        self.decode = nn.Sequential(
            nn.Conv2d(z_dim, 16, 1),
            nn.ReLU(True),
            nn.ConvTranspose2d(16, 8, 4),
            nn.ReLU(True),
            nn.ConvTranspose2d(8, 8, 4, 2, 1),
            nn.ReLU(True),
            nn.ConvTranspose2d(8, 1, 4, 2, 1),
        )

    def reparametrize(self, mu, logvar):
        std = logvar.mul(0.5).exp_()
        eps = std.data.new(std.size()).normal_()
        return eps.mul(std).add_(mu)

    def forward(self, x, no_dec=False):
        stats = self.encode(x)
        mu = stats[:, :self.z_dim]
        logvar = stats[:, self.z_dim:]
        z = self.reparametrize(mu, logvar)
        if no_dec:
            return z.squeeze()
        x_recon = self.decode(z).view(x.size())
        return x_recon, mu, logvar, z.squeeze()


class Solver(object):
    def __init__(self, z_dim=4, gamma=6.4, batch_size=4, max_iter=2):
        self.batch_size = batch_size
        self.gamma = gamma
        self.max_iter = max_iter
        self.global_iter = 0
        self.VAE = FactorVAE1(z_dim)
        self.optim_VAE = optim.Adam(self.VAE.parameters(), lr=1e-4, betas=(0.9, 0.999))
        self.D = Discriminator(z_dim)
        self.optim_D = optim.Adam(self.D.parameters(), lr=1e-4, betas=(0.5, 0.9))
        self.data_loader = [(torch.rand(batch_size, 1, 16, 16).round(),
                             torch.rand(batch_size, 1, 16, 16).round()) for _ in range(max_iter)]

    def train(self):
        ones = torch.ones(self.batch_size, dtype=torch.long)
        zeros = torch.zeros(self.batch_size, dtype=torch.long)
        for x_true1, x_true2 in self.data_loader:
            self.global_iter += 1
            x_recon, mu, logvar, z = self.VAE(x_true1)
            vae_recon_loss = recon_loss(x_true1, x_recon)
            vae_kld = kl_divergence(mu, logvar)

            D_z = self.D(z)
            vae_tc_loss = (D_z[:, :1] - D_z[:, 1:]).mean()
            vae_loss = vae_recon_loss + vae_kld + self.gamma * vae_tc_loss

            self.optim_VAE.zero_grad()
            vae_loss.backward(retain_graph=True)
            self.optim_VAE.step()  # expect: GG002

            z_prime = self.VAE(x_true2, no_dec=True)
            z_pperm = permute_dims(z_prime).detach()
            D_z_pperm = self.D(z_pperm)
            D_tc_loss = 0.5 * (F.cross_entropy(D_z, zeros) + F.cross_entropy(D_z_pperm, ones))

            self.optim_D.zero_grad()
            D_tc_loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
            self.optim_D.step()


Solver().train()
