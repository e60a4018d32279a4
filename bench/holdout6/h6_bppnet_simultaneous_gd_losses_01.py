# source: https://github.com/ayu-22/BPPNet-Back-Projected-Pyramid-Network/issues/6
# case: BPPNet-style `train(epochs)`: the discriminator and generator losses are computed together, the discriminator is stepped first, then the generator loss (whose adversarial term went through the discriminator) is backpropagated
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class PyramidBlock(nn.Module):
    def __init__(self, ch):
        super().__init__()
        self.down = nn.Conv2d(ch, ch, 3, stride=2, padding=1)
        self.up = nn.ConvTranspose2d(ch, ch, 2, stride=2)

    def forward(self, x):
        return x + self.up(F.relu(self.down(x)))


class Generator(nn.Module):
    def __init__(self):
        super().__init__()
        self.head = nn.Conv2d(3, 4, 3, padding=1)
        self.blocks = nn.ModuleList([PyramidBlock(4) for _ in range(2)])
        self.tail = nn.Conv2d(4, 3, 3, padding=1)

    def forward(self, x):
        x = self.head(x)
        for block in self.blocks:
            x = block(x)
        return torch.tanh(self.tail(x))


class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(6, 8, 4, stride=2, padding=1),
            nn.LeakyReLU(0.2),
            nn.Conv2d(8, 1, 4, stride=2, padding=1),
        )

    def forward(self, hazy, img):
        return self.net(torch.cat([hazy, img], dim=1))


G, D = Generator(), Discriminator()
g_opt = torch.optim.Adam(G.parameters(), lr=2e-4)
d_opt = torch.optim.Adam(D.parameters(), lr=2e-4)
bce = nn.BCEWithLogitsLoss()


def train(epochs):
    for epoch in range(epochs):
        hazy, clear = torch.randn(2, 3, 8, 8), torch.randn(2, 3, 8, 8)
        dehazed = G(hazy)
        real_out = D(hazy, clear)
        fake_out = D(hazy, dehazed.detach())
        d_loss = bce(real_out, torch.ones_like(real_out)) + bce(fake_out, torch.zeros_like(fake_out))
        adv_out = D(hazy, dehazed)
        g_loss = F.mse_loss(dehazed, clear) + 0.01 * bce(adv_out, torch.ones_like(adv_out))

        d_opt.zero_grad()
        d_loss.backward()
        d_opt.step()  # expect: GG002

        g_opt.zero_grad()
        g_loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
        g_opt.step()


train(1)
