# case: WGAN-GP critic built from Conv + InstanceNorm + LeakyReLU(0.2, inplace=True), trained with a create_graph gradient penalty and several critic steps per generator step; the in-place activations are double-backward safe; runs cleanly
# source: https://github.com/Zeleni9/pytorch-wgan/issues/40
import torch
import torch.nn as nn
import torch.optim as optim
from torch import autograd
from torch.autograd import Variable

Z = 8


class Generator(torch.nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.main_module = nn.Sequential(
            nn.ConvTranspose2d(in_channels=Z, out_channels=8, kernel_size=4, stride=1, padding=0),
            nn.BatchNorm2d(num_features=8),
            nn.ReLU(True),
            nn.ConvTranspose2d(in_channels=8, out_channels=8, kernel_size=4, stride=2, padding=1),
            nn.BatchNorm2d(num_features=8),
            nn.ReLU(True),
            nn.ConvTranspose2d(in_channels=8, out_channels=4, kernel_size=4, stride=2, padding=1),
            nn.BatchNorm2d(num_features=4),
            nn.ReLU(True),
            nn.ConvTranspose2d(in_channels=4, out_channels=channels, kernel_size=4, stride=2, padding=1))
        self.output = nn.Tanh()

    def forward(self, x):
        x = self.main_module(x)
        return self.output(x)


class Discriminator(torch.nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.main_module = nn.Sequential(
            nn.Conv2d(in_channels=channels, out_channels=4, kernel_size=4, stride=2, padding=1),
            nn.InstanceNorm2d(4, affine=True),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(in_channels=4, out_channels=8, kernel_size=4, stride=2, padding=1),
            nn.InstanceNorm2d(8, affine=True),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(in_channels=8, out_channels=8, kernel_size=4, stride=2, padding=1),
            nn.InstanceNorm2d(8, affine=True),
            nn.LeakyReLU(0.2, inplace=True))
        self.output = nn.Sequential(
            nn.Conv2d(in_channels=8, out_channels=1, kernel_size=4, stride=1, padding=0))

    def forward(self, x):
        x = self.main_module(x)
        return self.output(x)


class WGAN_GP(object):
    def __init__(self, channels=1):
        self.G = Generator(channels)
        self.D = Discriminator(channels)
        self.batch_size = 4
        self.d_optimizer = optim.Adam(self.D.parameters(), lr=1e-4, betas=(0.5, 0.999))
        self.g_optimizer = optim.Adam(self.G.parameters(), lr=1e-4, betas=(0.5, 0.999))
        self.critic_iter = 2
        self.lambda_term = 10

    def calculate_gradient_penalty(self, real_images, fake_images):
        eta = torch.FloatTensor(self.batch_size, 1, 1, 1).uniform_(0, 1)
        eta = eta.expand(self.batch_size, real_images.size(1), real_images.size(2), real_images.size(3))
        interpolated = eta * real_images + ((1 - eta) * fake_images)
        interpolated = Variable(interpolated, requires_grad=True)
        prob_interpolated = self.D(interpolated)
        gradients = autograd.grad(outputs=prob_interpolated, inputs=interpolated,
                                  grad_outputs=torch.ones(prob_interpolated.size()),
                                  create_graph=True, retain_graph=True)[0]
        grad_penalty = ((gradients.norm(2, dim=1) - 1) ** 2).mean() * self.lambda_term
        return grad_penalty

    def train(self, data, generator_iters=1):
        one = torch.FloatTensor([1])[0]
        mone = one * -1
        for g_iter in range(generator_iters):
            for p in self.D.parameters():
                p.requires_grad = True
            for d_iter in range(self.critic_iter):
                self.D.zero_grad()
                images = data[d_iter]
                d_loss_real = self.D(images)
                d_loss_real = d_loss_real.mean()
                d_loss_real.backward(mone)
                z = torch.randn(self.batch_size, Z, 1, 1)
                fake_images = self.G(z)
                d_loss_fake = self.D(fake_images)
                d_loss_fake = d_loss_fake.mean()
                d_loss_fake.backward(one)
                gradient_penalty = self.calculate_gradient_penalty(images.data, fake_images.data)
                gradient_penalty.backward()
                self.d_optimizer.step()
            for p in self.D.parameters():
                p.requires_grad = False
            self.G.zero_grad()
            z = torch.randn(self.batch_size, Z, 1, 1)
            fake_images = self.G(z)
            g_loss = self.D(fake_images)
            g_loss = g_loss.mean()
            g_loss.backward(mone)
            self.g_optimizer.step()


torch.manual_seed(0)
model = WGAN_GP(channels=1)
model.train([torch.rand(4, 1, 32, 32) * 2 - 1 for _ in range(2)])
