# case: the repo's consistency term (CT-GAN): the critic is run twice on the same real batch with its stochastic in-place dropout and the distance between the two outputs and the penultimate features is penalised; the plain loss.backward() hits the same overwritten LeakyReLU outputs
# source: https://github.com/Randl/improved-improved-wgan-pytorch/issues/1
from collections import OrderedDict

import numpy as np
import torch
import torch.autograd as autograd
import torch.nn as nn

torch.manual_seed(0)


class WGANDiscriminator(nn.Module):
    def __init__(self, input_size=16, in_channels=3, num_filters=8, activation=nn.LeakyReLU, dropout_rate=0.5):
        super().__init__()
        self.activation = activation
        self.input_size = input_size
        self.dropout_rate = dropout_rate
        self.first_conv = nn.Sequential(
            nn.Conv2d(in_channels, num_filters, kernel_size=5, stride=2, padding=2),
            activation(inplace=True),  # saver
            nn.Dropout(p=dropout_rate, inplace=True),  # expect: GG002
        )
        self.conv, last_filter = self._make_conv(num_filters)
        self.final_fc = nn.Linear(last_filter * 2 * 2, 1)

    def _make_conv(self, num_filters):
        modules = OrderedDict()
        for i in range(int(np.log2(self.input_size)) - 2):
            modules["Conv_{}".format(i + 1)] = nn.Sequential(
                nn.Conv2d(num_filters, num_filters * 2, kernel_size=5, stride=2, padding=2),
                self.activation(inplace=True),  # saver
                nn.Dropout(p=self.dropout_rate, inplace=True),  # expect: GG002
            )
            num_filters *= 2
        return nn.Sequential(modules), num_filters

    def forward(self, x):
        x = self.first_conv(x)
        pre_last = self.conv(x)
        pre_last = pre_last.view(pre_last.shape[0], -1)
        return self.final_fc(pre_last), pre_last


def gradient_penalty(fake_data, real_data, discriminator):
    alpha = torch.rand(fake_data.shape[0], 1, 1, 1).expand(fake_data.shape)
    interpolates = (alpha * fake_data + (1 - alpha) * real_data).requires_grad_(True)
    disc_interpolates, _ = discriminator(interpolates)
    gradients = autograd.grad(
        outputs=disc_interpolates, inputs=interpolates,
        grad_outputs=torch.ones(disc_interpolates.size()),
        create_graph=True, retain_graph=True, only_inputs=True,
    )[0]
    gradients = gradients.view(gradients.size(0), -1)
    return ((gradients.norm(2, dim=1) - 1) ** 2).mean()


generator = nn.Sequential(nn.Linear(16, 3 * 16 * 16), nn.Tanh())
netD = WGANDiscriminator()
optimizerD = torch.optim.Adam(netD.parameters(), lr=1e-4, betas=(0.5, 0.9))


def consistency_term(real_data, discriminator, Mtag=0):
    d1, d_1 = discriminator(real_data)
    d2, d_2 = discriminator(real_data)
    ct = (d1 - d2).norm(2, dim=1) + 0.1 * (d_1 - d_2).norm(2, dim=1) - Mtag
    return ct.mean()


optimizerD.zero_grad()
real = torch.rand(4, 3, 16, 16) * 2 - 1
loss_ct = 2 * consistency_term(real, netD)
loss_ct.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
optimizerD.step()
print("critic trained")
