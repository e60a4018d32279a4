# case: simple GAN loop: lossD.backward(retain_graph=True); opt_disc.step(); then disc(fake) is recomputed after the step, so lossG.backward() only reuses the generator part of the retained graph, whose weights did not change; runs cleanly
# source: https://sumit-mig.github.io/ml_fundamentals_for_advancement.html
import torch
import torch.nn as nn
import torch.optim as optim


class Discriminator(nn.Module):
    def __init__(self, in_features):
        super().__init__()
        self.disc = nn.Sequential(nn.Linear(in_features, 16), nn.LeakyReLU(0.01), nn.Linear(16, 1), nn.Sigmoid())

    def forward(self, x):
        return self.disc(x)


class Generator(nn.Module):
    def __init__(self, z_dim, img_dim):
        super().__init__()
        self.gen = nn.Sequential(nn.Linear(z_dim, 16), nn.LeakyReLU(0.01), nn.Linear(16, img_dim), nn.Tanh())

    def forward(self, x):
        return self.gen(x)


device = 'cpu'
z_dim, img_dim = 4, 28
torch.manual_seed(0)
disc = Discriminator(img_dim).to(device)
gen = Generator(z_dim, img_dim).to(device)
opt_disc = optim.Adam(disc.parameters(), lr=3e-4)
opt_gen = optim.Adam(gen.parameters(), lr=3e-4)
criterion = nn.BCELoss()
loader = [(torch.rand(4, 1, 4, 7) * 2 - 1, None) for _ in range(2)]

num_epochs = 1
for epoch in range(num_epochs):
    for batch_idx, (real, _) in enumerate(loader):
        real = real.view(-1, img_dim).to(device)
        batch_size = real.shape[0]
        noise = torch.randn(batch_size, z_dim).to(device)
        fake = gen(noise)
        disc_real = disc(real).view(-1)
        lossD_real = criterion(disc_real, torch.ones_like(disc_real))
        disc_fake = disc(fake).view(-1)
        lossD_fake = criterion(disc_fake, torch.zeros_like(disc_fake))
        lossD = (lossD_real + lossD_fake) / 2
        disc.zero_grad()
        lossD.backward(retain_graph=True)
        opt_disc.step()
        output = disc(fake).view(-1)
        lossG = criterion(output, torch.ones_like(output))
        gen.zero_grad()
        lossG.backward()
        opt_gen.step()
