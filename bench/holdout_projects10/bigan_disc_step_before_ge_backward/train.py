import torch
import torch.nn as nn
from torch import optim
from torch.autograd import Variable

from model import Discriminator, Encoder, Generator
from utils.utils import weights_init_normal


class TrainerBiGAN:
    def __init__(self, args, data, device):
        self.args = args
        self.train_loader = data
        self.device = device

    def losses(self, criterion, x_true, z_true, x_fake, z_fake, noise1, noise2, y_true, y_fake):
        """Discriminator outputs on (x, E(x)) and (G(z), z) and the two adversarial losses."""
        out_true = self.D(x_true + noise1, z_true)
        out_fake = self.D(x_fake + noise2, z_fake)
        if self.args.wasserstein:
            loss_d = -torch.mean(out_true) + torch.mean(out_fake)
            loss_ge = -torch.mean(out_fake) + torch.mean(out_true)
        else:
            loss_d = criterion(out_true, y_true) + criterion(out_fake, y_fake)
            loss_ge = criterion(out_fake, y_true) + criterion(out_true, y_fake)
        return loss_d, loss_ge

    def train(self):
        """Training the BiGAN"""
        self.G = Generator(self.args.latent_dim).to(self.device)
        self.E = Encoder(self.args.latent_dim).to(self.device)
        self.D = Discriminator(self.args.latent_dim, self.args.wasserstein).to(self.device)

        self.G.apply(weights_init_normal)
        self.E.apply(weights_init_normal)
        self.D.apply(weights_init_normal)

        if self.args.wasserstein:
            optimizer_ge = optim.RMSprop(
                list(self.G.parameters()) + list(self.E.parameters()), lr=self.args.lr_rmsprop
            )
            optimizer_d = optim.RMSprop(self.D.parameters(), lr=self.args.lr_rmsprop)
        else:
            optimizer_ge = optim.Adam(list(self.G.parameters()) + list(self.E.parameters()), lr=self.args.lr_adam)
            optimizer_d = optim.Adam(self.D.parameters(), lr=self.args.lr_adam)

        fixed_z = Variable(torch.randn((16, self.args.latent_dim, 1, 1)), requires_grad=False).to(self.device)
        criterion = nn.BCELoss()
        for epoch in range(self.args.num_epochs + 1):
            ge_losses = 0
            d_losses = 0
            for x, _ in self.train_loader:
                # labels
                y_true = Variable(torch.ones((x.size(0), 1, 1, 1)).to(self.device))
                y_fake = Variable(torch.zeros((x.size(0), 1, 1, 1)).to(self.device))

                # noise for improving training
                scale = 0.1 * (self.args.num_epochs - epoch) / self.args.num_epochs
                noise1 = Variable(torch.Tensor(x.size()).normal_(0, scale), requires_grad=False).to(self.device)
                noise2 = Variable(torch.Tensor(x.size()).normal_(0, scale), requires_grad=False).to(self.device)

                # cleaning gradients
                optimizer_d.zero_grad()
                optimizer_ge.zero_grad()

                # generator
                z_fake = Variable(
                    torch.randn((x.size(0), self.args.latent_dim, 1, 1)).to(self.device), requires_grad=False
                )
                x_fake = self.G(z_fake)

                # encoder
                x_true = x.float().to(self.device)
                z_true = self.E(x_true)

                # discriminator and losses
                loss_d, loss_ge = self.losses(criterion, x_true, z_true, x_fake, z_fake, noise1, noise2, y_true, y_fake)

                # computing gradients and backpropagate
                loss_d.backward(retain_graph=True)
                optimizer_d.step()  # expect: GG002

                loss_ge.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
                optimizer_ge.step()

                if self.args.wasserstein:
                    for p in self.D.parameters():
                        p.data.clamp_(-self.args.clamp, self.args.clamp)

                ge_losses += loss_ge.item()
                d_losses += loss_d.item()

            if epoch % 50 == 0:
                with torch.no_grad():
                    samples = self.G(fixed_z)
                print("samples of epoch {}: mean {:.3f}".format(epoch, samples.mean().item()))

            print(
                "Training... Epoch: {}, Discriminator Loss: {:.3f}, Generator Loss: {:.3f}".format(
                    epoch, d_losses / len(self.train_loader), ge_losses / len(self.train_loader)
                )
            )
