# case: loss_nonsaturating() returns both the discriminator and the generator loss from one forward (dgz = sigmoid(d(g(z)))); the loop steps the discriminator optimizer (in-place update of D's weights) before g_loss.backward(). Training loop reconstructed from the article's description.
# source: https://php.bkmy88.com/faq/1575425.html
import torch
import torch.nn as nn
import torch.nn.functional as F


class Generator(nn.Module):
    def __init__(self, z_dim=4, out_dim=8):
        super().__init__()
        self.z_dim = z_dim
        self.net = nn.Sequential(nn.Linear(z_dim, 16), nn.ReLU(), nn.Linear(16, out_dim), nn.Tanh())

    def forward(self, z):
        return self.net(z)


class Discriminator(nn.Module):
    def __init__(self, in_dim=8):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(in_dim, 16), nn.LeakyReLU(0.2), nn.Linear(16, 1))

    def forward(self, x):
        return self.net(x)


def loss_nonsaturating(d, g, x_real, *, device):
    z = torch.randn(x_real.shape[0], g.z_dim, device=device)
    gz = g(z)
    dgz = F.sigmoid(d(gz))  # saver
    dx = F.sigmoid(d(x_real))
    real_label = torch.ones(x_real.shape[0], device=device)
    fake_label = torch.zeros(x_real.shape[0], device=device)
    bce_loss = F.binary_cross_entropy
    d_loss = bce_loss(dx.squeeze(1), real_label) + bce_loss(dgz.squeeze(1), fake_label)
    g_loss = bce_loss(dgz.squeeze(1), real_label)
    return d_loss, g_loss


device = torch.device("cpu")
g, d = Generator(), Discriminator()
g_optimizer = torch.optim.Adam(g.parameters(), lr=2e-4)
d_optimizer = torch.optim.Adam(d.parameters(), lr=2e-4)
for step in range(2):
    x_real = torch.randn(8, 8)
    d_loss, g_loss = loss_nonsaturating(d, g, x_real, device=device)
    d_optimizer.zero_grad()
    d_loss.backward(retain_graph=True)
    d_optimizer.step()  # expect: GG002
    g_optimizer.zero_grad()
    g_loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    g_optimizer.step()
