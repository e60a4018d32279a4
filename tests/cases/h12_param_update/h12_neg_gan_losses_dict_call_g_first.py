# case: the same trainer with the generator's backward before the critic's step: each backward sees the weights its forward used
import torch
import torch.nn as nn


class Trainer(nn.Module):
    def __init__(self):
        super().__init__()
        self.netG = nn.Linear(4, 4)
        self.netD = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 1))
        self.optimizer_g = torch.optim.SGD(self.netG.parameters(), lr=0.1)
        self.optimizer_d = torch.optim.SGD(self.netD.parameters(), lr=0.1)

    def forward(self, x, compute_g):
        losses = dict()
        fake = self.netG(x)
        losses["d"] = self.netD(fake.detach()).mean() - self.netD(x).mean()
        losses["g"] = -self.netD(fake).mean()
        return losses


torch.manual_seed(0)
trainer = Trainer()
for iteration in range(1, 3):
    compute_g = iteration % 1 == 0
    losses = trainer(torch.randn(8, 4), compute_g)
    trainer.optimizer_d.zero_grad()
    trainer.optimizer_g.zero_grad()
    if compute_g:
        losses["g"].backward(retain_graph=True)
        trainer.optimizer_g.step()
    trainer.optimizer_d.zero_grad()
    losses["d"].backward()
    trainer.optimizer_d.step()
