# case: FactorVAE loss fn: the TC term vae_tc_loss = PermD(z) is returned to the caller, but inside the same fn the discriminator is trained (backward(retain_graph=True); optim_PermD.step()), so the VAE backward later hits PermD's updated weights
# source: https://github.com/amir-abdi/disentanglement-pytorch/issues/66
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim


def reparametrize(mu, logvar):
    std = logvar.div(2).exp()
    eps = torch.randn_like(std)
    return mu + std * eps


class SimpleDiscriminator(nn.Module):
    def __init__(self, z_dim, num_classes=2, num_layers=2, layer_size=16):
        super().__init__()
        layers = [nn.Linear(z_dim, layer_size), nn.LeakyReLU(0.2, True)]
        for _ in range(num_layers - 1):
            layers += [nn.Linear(layer_size, layer_size), nn.LeakyReLU(0.2, True)]
        layers.append(nn.Linear(layer_size, num_classes))
        self.main = nn.Sequential(*layers)

    def forward(self, z):
        return self.main(z)


class VAE(nn.Module):
    def __init__(self, x_dim=12, z_dim=4):
        super().__init__()
        self.enc = nn.Linear(x_dim, 2 * z_dim)
        self.dec = nn.Linear(z_dim, x_dim)
        self.z_dim = z_dim

    def encode(self, x, c=None):
        h = self.enc(x)
        return h[:, :self.z_dim], h[:, self.z_dim:]

    def decode(self, z):
        return torch.sigmoid(self.dec(z))


def permute_dims(z):
    assert z.dim() == 2
    B, _ = z.size()
    perm_z = []
    for i, z_j in enumerate(z.split(1, 1)):
        perm = torch.randperm(B).to(z.device)
        perm_z.append(z_j[perm])
    return torch.cat(perm_z, 1)


def factorvae_loss_fn(w_tc, model, PermD, optim_PermD, ones, zeros, **kwargs):
    x_true2 = kwargs['x_true2']
    label2 = kwargs['label2']
    z = kwargs['z']

    factorvae_dz_true = PermD(z)  # saver
    vae_tc_loss = (factorvae_dz_true[:, 0] - factorvae_dz_true[:, 1]).mean() * w_tc

    # Train discriminator of FactorVAE
    mu2, logvar2 = model.encode(x=x_true2, c=label2)
    z2 = reparametrize(mu2, logvar2)
    z2_perm = permute_dims(z2).detach()
    dz2_perm = PermD(z2_perm)
    discriminator_tc_loss = (F.cross_entropy(factorvae_dz_true, zeros) +
                             F.cross_entropy(dz2_perm, ones)) * 0.5
    optim_PermD.zero_grad()
    discriminator_tc_loss.backward(retain_graph=True)
    optim_PermD.step()  # expect: GG002

    return vae_tc_loss, discriminator_tc_loss


torch.manual_seed(0)
model = VAE()
PermD = SimpleDiscriminator(z_dim=4)
optim_PermD = optim.Adam(PermD.parameters(), lr=1e-4, betas=(0.5, 0.9))
optim_G = optim.Adam(model.parameters(), lr=1e-4)

batch = 6
x_true1, x_true2 = torch.rand(batch, 12), torch.rand(batch, 12)
ones = torch.ones(batch, dtype=torch.long)
zeros = torch.zeros(batch, dtype=torch.long)

mu, logvar = model.encode(x_true1)
z = reparametrize(mu, logvar)
x_recon = model.decode(z)
recon_loss = F.binary_cross_entropy(x_recon, x_true1, reduction='sum') / batch
kld_loss = (-0.5 * (1 + logvar - mu.pow(2) - logvar.exp())).sum(1).mean()
vae_tc_loss, discriminator_tc_loss = factorvae_loss_fn(6.4, model, PermD, optim_PermD, ones, zeros,
                                                       x_true2=x_true2, label2=None, z=z)
loss = recon_loss + kld_loss + vae_tc_loss
optim_G.zero_grad()
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
optim_G.step()
