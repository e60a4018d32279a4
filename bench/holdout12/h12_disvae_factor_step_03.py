# case: fix that keeps the VAE step where it is: the discriminator loss no longer reuses d_z from the VAE graph but scores the first half-batch's latent samples again, detached (self.discriminator(latent_sample1.detach())), so its backward stays inside the discriminator
# source: https://github.com/YannDubs/disentangling-vae/issues/62
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch import optim

torch.manual_seed(0)


class EncoderBurgess(nn.Module):
    def __init__(self, img_size=(1, 8, 8), latent_dim=3, hid_channels=4, hidden_dim=16):
        super().__init__()
        self.latent_dim = latent_dim
        self.conv1 = nn.Conv2d(img_size[0], hid_channels, 4, stride=2, padding=1)
        self.conv2 = nn.Conv2d(hid_channels, hid_channels, 4, stride=2, padding=1)
        self.lin1 = nn.Linear(hid_channels * 2 * 2, hidden_dim)
        self.mu_logvar_gen = nn.Linear(hidden_dim, latent_dim * 2)

    def forward(self, x):
        batch_size = x.size(0)
        x = torch.relu(self.conv2(torch.relu(self.conv1(x))))
        x = torch.relu(self.lin1(x.view(batch_size, -1)))
        mu_logvar = self.mu_logvar_gen(x)
        return mu_logvar.view(-1, self.latent_dim, 2).unbind(-1)


class DecoderBurgess(nn.Module):
    def __init__(self, img_size=(1, 8, 8), latent_dim=3, hid_channels=4, hidden_dim=16):
        super().__init__()
        self.hid_channels = hid_channels
        self.lin1 = nn.Linear(latent_dim, hidden_dim)
        self.lin2 = nn.Linear(hidden_dim, hid_channels * 2 * 2)
        self.convT1 = nn.ConvTranspose2d(hid_channels, hid_channels, 4, stride=2, padding=1)
        self.convT2 = nn.ConvTranspose2d(hid_channels, img_size[0], 4, stride=2, padding=1)

    def forward(self, z):
        x = torch.relu(self.lin2(torch.relu(self.lin1(z))))
        x = x.view(z.size(0), self.hid_channels, 2, 2)
        return torch.sigmoid(self.convT2(torch.relu(self.convT1(x))))


class VAE(nn.Module):
    def __init__(self, latent_dim=3):
        super().__init__()
        self.encoder = EncoderBurgess(latent_dim=latent_dim)
        self.decoder = DecoderBurgess(latent_dim=latent_dim)

    def reparameterize(self, mean, logvar):
        if self.training:
            std = torch.exp(0.5 * logvar)
            return mean + std * torch.randn_like(std)
        return mean

    def forward(self, x):
        latent_dist = self.encoder(x)
        latent_sample = self.reparameterize(*latent_dist)
        return self.decoder(latent_sample), latent_dist, latent_sample

    def sample_latent(self, x):
        return self.reparameterize(*self.encoder(x))


class Discriminator(nn.Module):
    def __init__(self, neg_slope=0.2, latent_dim=3, hidden_units=12):
        super().__init__()
        self.leaky_relu = nn.LeakyReLU(neg_slope, True)
        self.lin1 = nn.Linear(latent_dim, hidden_units)
        self.lin2 = nn.Linear(hidden_units, hidden_units)
        self.lin3 = nn.Linear(hidden_units, 2)

    def forward(self, z):
        z = self.leaky_relu(self.lin1(z))
        z = self.leaky_relu(self.lin2(z))
        return self.lin3(z)


def _permute_dims(latent_sample):
    perm = torch.zeros_like(latent_sample)
    batch_size, dim_z = perm.size()
    for z in range(dim_z):
        pi = torch.randperm(batch_size)
        perm[:, z] = latent_sample[pi, z]
    return perm


def _kl_normal_loss(mean, logvar):
    latent_kl = 0.5 * (-1 - logvar + mean.pow(2) + logvar.exp()).mean(dim=0)
    return latent_kl.sum()


def linear_annealing(init, fin, step, annealing_steps):
    if annealing_steps == 0:
        return fin
    return min(init + (fin - init) * step / annealing_steps, fin)


class FactorKLoss:
    def __init__(self, gamma=10.0, steps_anneal=0, n_train_steps=0):
        self.gamma, self.steps_anneal, self.n_train_steps = gamma, steps_anneal, n_train_steps
        self.discriminator = Discriminator()
        self.optimizer_d = optim.Adam(self.discriminator.parameters(), lr=5e-5, betas=(0.5, 0.9))

    def call_optimize(self, data, model, optimizer):
        half_batch_size = data.size(0) // 2
        data1, data2 = data.split(half_batch_size)
        recon_batch, latent_dist, latent_sample1 = model(data1)
        rec_loss = F.binary_cross_entropy(recon_batch, data1, reduction="sum") / half_batch_size
        kl_loss = _kl_normal_loss(*latent_dist)
        d_z = self.discriminator(latent_sample1)
        tc_loss = (d_z[:, 0] - d_z[:, 1]).mean()
        anneal_reg = linear_annealing(0, 1, self.n_train_steps, self.steps_anneal) if model.training else 1
        vae_loss = rec_loss + kl_loss + anneal_reg * self.gamma * tc_loss
        if not model.training:
            return vae_loss

        optimizer.zero_grad()
        vae_loss.backward(retain_graph=True)
        optimizer.step()

        latent_sample2 = model.sample_latent(data2)
        z_perm = _permute_dims(latent_sample2).detach()
        d_z_perm = self.discriminator(z_perm)
        ones = torch.ones(half_batch_size, dtype=torch.long)
        zeros = torch.zeros_like(ones)
        d_z_detached = self.discriminator(latent_sample1.detach())
        d_tc_loss = 0.5 * (F.cross_entropy(d_z_detached, zeros) + F.cross_entropy(d_z_perm, ones))

        self.optimizer_d.zero_grad()
        d_tc_loss.backward()
        self.optimizer_d.step()
        return vae_loss


model = VAE()
optimizer = optim.Adam(model.parameters(), lr=5e-4)
loss_f = FactorKLoss()
data = torch.rand(8, 1, 8, 8)
model.train()
for epoch in range(2):
    for batch in data.split(4):
        loss = loss_f.call_optimize(batch, model, optimizer)
    print(epoch, loss.item())
