# case: Stack Overflow question (mirror) "How does loss.backward() work when retain_graph=True is specified?": the generator is trained first, loss_g.backward(retain_graph=True) and optim_g.step(), then loss_d.backward(); loss_d was built from the same non-detached fake, so its backward reaches the generator weights optim_g.step() just changed
# source: https://whosebug.com/question/5232549/How-does-PyTorch-s-loss-backward-work-when-retain-graph-True-is-specified
import torch
import torch.nn as nn


class Generator(nn.Module):
    def __init__(self, z_dim=4, out_dim=6):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(z_dim, 16), nn.ReLU(), nn.Linear(16, out_dim), nn.Tanh())

    def forward(self, z):
        return self.net(z)


class Discriminator(nn.Module):
    def __init__(self, in_dim=6):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(in_dim, 16), nn.LeakyReLU(0.2), nn.Linear(16, 1), nn.Sigmoid())

    def forward(self, x):
        return self.net(x)


generator, discriminator = Generator(), Discriminator()
optim_g = torch.optim.Adam(generator.parameters(), lr=2e-4)
optim_d = torch.optim.Adam(discriminator.parameters(), lr=2e-4)
criterion = nn.BCELoss()

for step in range(2):
    real = torch.rand(8, 6) * 2 - 1
    z = torch.randn(8, 4)
    ones, zeros = torch.ones(8, 1), torch.zeros(8, 1)

    # computing loss_g and loss_d...
    fake = generator(z)
    loss_g = criterion(discriminator(fake), ones)
    loss_d = criterion(discriminator(real), ones) + criterion(discriminator(fake), zeros)

    optim_g.zero_grad()
    loss_g.backward(retain_graph=True)
    optim_g.step()  # expect: GG002

    optim_d.zero_grad()
    loss_d.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    optim_d.step()
