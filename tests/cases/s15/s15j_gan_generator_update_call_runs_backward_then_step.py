# case: a GAN trainer object scores the fake image with D once per batch; optimize_g() backpropagates the generator loss (retain_graph=True) and steps G, then, every d_interval batches, optimize_d() backpropagates a loss that still runs through D(fake) into G, whose weights the step changed. Moving the whole optimize_g() call below the D block would carry its backward past D's, which frees the shared graph: no such move is offered
import torch
import torch.nn as nn


class GAN:
    def __init__(self):
        self.G = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 4))
        self.D = nn.Sequential(nn.Linear(4, 8), nn.LeakyReLU(0.2), nn.Linear(8, 1))
        self.opt_g = torch.optim.Adam(self.G.parameters(), lr=1e-3)
        self.opt_d = torch.optim.Adam(self.D.parameters(), lr=1e-3)
        self.criterion = nn.BCEWithLogitsLoss()

    def forward(self, real):
        self.real = real
        self.fake = self.G(torch.randn(real.shape[0], 4))  # saver
        self.d_fake = self.D(self.fake)

    def backward_g(self):
        self.loss_g = self.criterion(self.d_fake, torch.ones_like(self.d_fake))
        self.loss_g.backward(retain_graph=True)

    def optimize_g(self):
        self.opt_g.zero_grad()
        self.backward_g()
        self.opt_g.step()  # expect: GG002

    def optimize_d(self):
        self.opt_d.zero_grad()
        d_real = self.D(self.real)
        loss_d = self.criterion(d_real, torch.ones_like(d_real)) + self.criterion(
            self.d_fake, torch.zeros_like(self.d_fake)
        )
        loss_d.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
        self.opt_d.step()


model = GAN()
d_interval = 1
for i in range(2):
    model.forward(torch.randn(3, 4))
    model.optimize_g()
    if i % d_interval == 0:
        model.optimize_d()
