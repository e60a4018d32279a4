# source: https://github.com/pytorch/pytorch/issues/46638
# case: DCGAN-style loop whose generator loss is built first, the discriminator is then updated (`optimizer_D.step()`), and only afterwards `g_loss.backward()` runs through the discriminator weights that step changed; LeakyReLU(0.2, inplace=True) blocks come from a helper
import torch
import torch.nn as nn

torch.manual_seed(0)


class Generator(nn.Module):
    def __init__(self, latent_dim=8):
        super().__init__()
        self.model = nn.Sequential(nn.Linear(latent_dim, 64), nn.ReLU(), nn.Linear(64, 64), nn.Tanh())

    def forward(self, z):
        return self.model(z).view(-1, 1, 8, 8)


class Discriminator(nn.Module):
    def __init__(self, in_channels=1):
        super().__init__()

        def discriminator_block(in_features, out_features, normalize=True):
            layers = [nn.Conv2d(in_features, out_features, 3, stride=2, padding=1)]
            if normalize:
                layers.append(nn.BatchNorm2d(out_features, 0.8))
            layers.append(nn.LeakyReLU(0.2, inplace=True))
            return layers

        self.model = nn.Sequential(
            *discriminator_block(in_channels, 4, normalize=False),
            *discriminator_block(4, 8),
            nn.Conv2d(8, 1, kernel_size=2),
        )

    def forward(self, img):
        return self.model(img)


generator = Generator()
discriminator = Discriminator()
adversarial_loss = nn.MSELoss()
optimizer_G = torch.optim.Adam(generator.parameters(), lr=1e-3)
optimizer_D = torch.optim.Adam(discriminator.parameters(), lr=1e-3)

for i in range(2):
    real_imgs = torch.randn(4, 1, 8, 8)
    valid = torch.ones(4, 1, 1, 1)
    fake = torch.zeros(4, 1, 1, 1)

    optimizer_G.zero_grad()
    gen_imgs = generator(torch.randn(4, 8))
    g_loss = adversarial_loss(discriminator(gen_imgs), valid)

    optimizer_D.zero_grad()
    real_loss = adversarial_loss(discriminator(real_imgs), valid)
    fake_loss = adversarial_loss(discriminator(gen_imgs.detach()), fake)
    d_loss = (real_loss + fake_loss) / 2
    d_loss.backward()
    optimizer_D.step()  # expect: GG002

    g_loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    optimizer_G.step()
