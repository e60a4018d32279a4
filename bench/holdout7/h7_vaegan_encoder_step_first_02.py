# source: https://github.com/ry85/VAE-GAN/issues/1
# case: the order posted in the issue: all three losses are backpropagated first (zeroing the decoder and discriminator gradients in between), and the encoder, decoder and discriminator optimizers step only after the last backward
import torch
import torch.nn as nn
from torch.optim import RMSprop

torch.manual_seed(8)


class Encoder(nn.Module):
    def __init__(self, z_size=4):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(64, 32), nn.BatchNorm1d(32), nn.ReLU(True))
        self.l_mu = nn.Linear(32, z_size)
        self.l_var = nn.Linear(32, z_size)

    def forward(self, x):
        h = self.body(x)
        return self.l_mu(h), self.l_var(h)


class VaeGan(nn.Module):
    def __init__(self, z_size=4):
        super().__init__()
        self.z_size = z_size
        self.encoder = Encoder(z_size)
        self.decoder = nn.Sequential(nn.Linear(z_size, 32), nn.ReLU(True), nn.Linear(32, 64), nn.Tanh())
        self.disc_features = nn.Sequential(nn.Linear(64, 32), nn.ReLU())
        self.disc_head = nn.Sequential(nn.Linear(32, 1), nn.Sigmoid())
        self.discriminator = nn.ModuleList([self.disc_features, self.disc_head])

    def forward(self, x):
        mus, log_variances = self.encoder(x)
        z = mus + torch.randn_like(mus) * torch.exp(0.5 * log_variances)
        x_tilde = self.decoder(z)
        x_p = self.decoder(torch.randn(len(x), self.z_size))
        disc_layer = self.disc_features(torch.cat((x, x_tilde, x_p), 0))
        disc_class = self.disc_head(disc_layer)
        return x_tilde, disc_class, disc_layer, mus, log_variances


net = VaeGan()
optimizer_encoder = RMSprop(params=net.encoder.parameters(), lr=1e-3, alpha=0.9, eps=1e-8)
optimizer_decoder = RMSprop(params=net.decoder.parameters(), lr=1e-3, alpha=0.9, eps=1e-8)
optimizer_discriminator = RMSprop(params=net.discriminator.parameters(), lr=1e-3, alpha=0.9, eps=1e-8)
lambda_mse = 1e-3

for j in range(2):
    x = torch.randn(4, 64)
    batch_size = len(x)
    x_tilde, disc_class, disc_layer, mus, log_variances = net(x)
    disc_layer_original = disc_layer[:batch_size]
    disc_layer_predicted = disc_layer[batch_size:-batch_size]
    disc_class_original = disc_class[:batch_size]
    disc_class_predicted = disc_class[batch_size:-batch_size]
    disc_class_sampled = disc_class[-batch_size:]

    kl = -0.5 * torch.sum(-log_variances.exp() - torch.pow(mus, 2) + log_variances + 1, 1)
    mse = torch.sum(0.5 * (disc_layer_original - disc_layer_predicted) ** 2, 1)
    bce_dis_original = -torch.log(disc_class_original + 1e-3)
    bce_dis_predicted = -torch.log(1 - disc_class_predicted + 1e-3)
    bce_dis_sampled = -torch.log(1 - disc_class_sampled + 1e-3)

    loss_encoder = torch.sum(kl) + torch.sum(mse)
    loss_discriminator = torch.sum(bce_dis_original) + torch.sum(bce_dis_predicted) + torch.sum(bce_dis_sampled)
    loss_decoder = torch.sum(lambda_mse * mse) - (1.0 - lambda_mse) * loss_discriminator
    train_dis = True
    train_dec = True

    net.zero_grad()
    # encoder
    loss_encoder.backward(retain_graph=True)
    net.decoder.zero_grad()
    net.discriminator.zero_grad()
    if train_dec and train_dis:
        loss_decoder.backward(retain_graph=True)
        net.discriminator.zero_grad()
        loss_discriminator.backward()
        optimizer_encoder.step()
        optimizer_decoder.step()
        optimizer_discriminator.step()
