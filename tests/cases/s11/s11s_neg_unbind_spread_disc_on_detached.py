# case: the FactorVAE-style step of s11s with the discriminator loss taken on detached latent samples: its backward does not reach the encoder weights the VAE step rewrote, so it runs
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class Encoder(nn.Module):
    def __init__(self, d=6, z=2):
        super().__init__()
        self.z = z
        self.hidden = nn.Linear(d, 8)
        self.lin = nn.Linear(8, 2 * z)

    def forward(self, x):
        return self.lin(torch.relu(self.hidden(x))).view(-1, self.z, 2).unbind(-1)


class VAE(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = Encoder()

    def reparameterize(self, mean, logvar):
        return mean + torch.exp(0.5 * logvar) * torch.randn_like(mean)

    def forward(self, x):
        latent_dist = self.encoder(x)
        return self.reparameterize(*latent_dist), latent_dist


vae, disc = VAE(), nn.Linear(2, 2)
opt_vae = torch.optim.Adam(vae.parameters(), lr=1e-3)
x = torch.randn(4, 6)
z, (mean, logvar) = vae(x)
d_z = disc(z)
d_z_detached = disc(z.detach())
vae_loss = (mean.pow(2) + logvar.exp() - logvar).mean() + (d_z[:, 0] - d_z[:, 1]).mean()
opt_vae.zero_grad()
vae_loss.backward(retain_graph=True)
opt_vae.step()
d_loss = F.cross_entropy(d_z_detached, torch.zeros(4, dtype=torch.long))
d_loss.backward()
