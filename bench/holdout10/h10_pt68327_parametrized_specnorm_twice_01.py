# source: https://github.com/pytorch/pytorch/issues/68327
# case: the report's discriminator step with the parametrization-based spectral norm (`torch.nn.utils.parametrizations.spectral_norm`): the same normalized layer scores a real and a generated batch, the two L1 terms are summed and backpropagated once, then Adam steps; the report says this raised "modified by an inplace operation" with the parametrization (but not with the old `torch.nn.utils.spectral_norm`); under torch 2.13 the parametrization no longer modifies anything the first call saved and the step runs
import torch
from torch import nn
from torch.nn.utils.parametrizations import spectral_norm

torch.manual_seed(0)


class Discriminator(nn.Module):
    def __init__(self, in_dim=10, hidden=8):
        super().__init__()
        self.body = nn.Sequential(spectral_norm(nn.Linear(in_dim, hidden)), nn.LeakyReLU(0.2))
        self.score = spectral_norm(nn.Linear(hidden, 1))

    def forward(self, x):
        return self.score(self.body(x))


def train_discriminator(discriminator, steps=3):
    optim = torch.optim.Adam(discriminator.parameters(), lr=1e-3)
    loss = nn.L1Loss()
    X = torch.ones(4, 10)
    real = torch.ones(4, 1)
    fake = torch.zeros(4, 1)
    for _ in range(steps):
        optim.zero_grad()
        generated = torch.rand(4, 10)
        loss_real = loss(discriminator(X), real)
        loss_fake = loss(discriminator(generated), fake)
        total = loss_real + loss_fake
        total.backward()
        optim.step()
    return total.item()


print(round(train_discriminator(Discriminator()), 4))
