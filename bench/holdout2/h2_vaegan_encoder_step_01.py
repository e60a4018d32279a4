# case: VAEGAN main loop with one optimizer per sub-network: loss_encoder.backward(retain_graph=True); optimizer_encoder.step(); then loss_decoder.backward() still needs the encoder weights saved in the shared forward
# source: https://github.com/lucabergamini/VAEGAN-PYTORCH/issues/5
import torch
import torch.nn as nn
from torch.optim import RMSprop


class Encoder(nn.Module):
    def __init__(self, z_size=8):
        super().__init__()
        self.conv = nn.Sequential(nn.Conv2d(3, 4, 5, 2, 2), nn.BatchNorm2d(4), nn.ReLU(True))
        self.fc = nn.Sequential(nn.Linear(4 * 4 * 4, 16), nn.BatchNorm1d(16), nn.ReLU(True))
        self.l_mu = nn.Linear(16, z_size)
        self.l_var = nn.Linear(16, z_size)

    def forward(self, x):
        h = self.fc(self.conv(x).view(x.size(0), -1))
        return self.l_mu(h), self.l_var(h)


class Decoder(nn.Module):
    def __init__(self, z_size=8):
        super().__init__()
        self.fc = nn.Sequential(nn.Linear(z_size, 4 * 4 * 4), nn.BatchNorm1d(64), nn.ReLU(True))
        self.conv = nn.Sequential(nn.ConvTranspose2d(4, 3, 6, 2, 2), nn.Tanh())

    def forward(self, z):
        return self.conv(self.fc(z).view(z.size(0), 4, 4, 4))


class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Sequential(nn.Conv2d(3, 4, 5, 2, 2), nn.ReLU(True))
        self.fc = nn.Sequential(nn.Linear(4 * 4 * 4, 1), nn.Sigmoid())

    def forward(self, x):
        layer = self.conv(x)
        return self.fc(layer.view(x.size(0), -1)), layer


class VaeGan(nn.Module):
    def __init__(self, z_size=8):
        super().__init__()
        self.z_size = z_size
        self.encoder = Encoder(z_size)
        self.decoder = Decoder(z_size)
        self.discriminator = Discriminator()

    def forward(self, x):
        mus, log_variances = self.encoder(x)  # saver
        variances = torch.exp(log_variances * 0.5)
        z = mus + torch.randn_like(variances) * variances
        x_tilde = self.decoder(z)
        z_p = torch.randn(len(x), self.z_size)
        x_p = self.decoder(z_p)
        disc_labels, disc_layer = self.discriminator(torch.cat((x, x_tilde, x_p), 0))
        return x_tilde, disc_labels, disc_layer, mus, log_variances


torch.manual_seed(2)
net = VaeGan()
optimizer_encoder = RMSprop(params=net.encoder.parameters(), lr=0.0001)
optimizer_decoder = RMSprop(params=net.decoder.parameters(), lr=0.0001)
optimizer_discriminator = RMSprop(params=net.discriminator.parameters(), lr=0.0001)

data_batch = torch.rand(4, 3, 8, 8) * 2 - 1
net.train()
out, out_labels, out_layer, mus, variances = net(data_batch)
n = len(data_batch)
out_layer_original, out_layer_predicted = out_layer[:n], out_layer[n:2 * n]
out_labels_original, out_labels_sampled = out_labels[:n], out_labels[2 * n:]
nle_value = 0.5 * ((out_layer_original - out_layer_predicted) ** 2).sum() / n
kl_value = (-0.5 * torch.sum(-variances.exp() - mus.pow(2) + variances + 1, 1)).mean()
mse_value = ((out - data_batch) ** 2).mean()
bce_dis_original_value = -torch.log(out_labels_original + 1e-3).mean()
bce_dis_sampled_value = -torch.log(1 - out_labels_sampled + 1e-3).mean()
# THIS IS THE MOST IMPORTANT PART OF THE CODE
loss_encoder = (kl_value + mse_value)
loss_decoder = (1e-06 * mse_value - (bce_dis_original_value + bce_dis_sampled_value))
loss_discriminator = (bce_dis_original_value + bce_dis_sampled_value)

# BACKPROP
net.zero_grad()
# encoder
loss_encoder.backward(retain_graph=True)
# update parameters
optimizer_encoder.step()  # expect: GG002
# clean others, so they are not afflicted by encoder loss
net.zero_grad()
# decoder
loss_decoder.backward(retain_graph=True)  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
optimizer_decoder.step()
net.discriminator.zero_grad()
loss_discriminator.backward()
optimizer_discriminator.step()
