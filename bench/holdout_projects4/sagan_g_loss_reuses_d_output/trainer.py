import torch
import torch.nn as nn

from sagan_models import Discriminator, Generator
from utils import make_noise


class Trainer:
    def __init__(self, config):
        self.z_dim = config["z_dim"]
        self.total_step = config["total_step"]
        self.G = Generator(self.z_dim)
        self.D = Discriminator()
        self.g_optimizer = torch.optim.Adam(self.G.parameters(), config["g_lr"], [0.0, 0.9])
        self.d_optimizer = torch.optim.Adam(self.D.parameters(), config["d_lr"], [0.0, 0.9])

    def reset_grad(self):
        self.d_optimizer.zero_grad()
        self.g_optimizer.zero_grad()

    def train(self, data_iter):
        for step in range(self.total_step):
            real_images = next(data_iter)
            d_out_real, dr1 = self.D(real_images)
            d_loss_real = nn.ReLU()(1.0 - d_out_real).mean()

            z = make_noise(real_images.size(0), self.z_dim)
            fake_images, gf1 = self.G(z)
            d_out_fake, df1 = self.D(fake_images)
            d_loss_fake = nn.ReLU()(1.0 + d_out_fake).mean()

            d_loss = d_loss_real + d_loss_fake
            self.reset_grad()
            d_loss.backward(retain_graph=True)
            self.d_optimizer.step()  # expect: GG002

            # generator update reuses the discriminator's score of the same fakes
            g_loss_fake = -d_out_fake.mean()
            self.reset_grad()
            g_loss_fake.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
            self.g_optimizer.step()
