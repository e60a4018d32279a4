# case: the same dict of losses with the generator's loss added only on some rounds, but the generator's backward and step come before the critic's step: each backward runs on weights as they were saved
import torch
import torch.nn as nn


class GanStep(nn.Module):
    def __init__(self):
        super().__init__()
        self.gen = nn.Linear(4, 4)
        self.critic = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 1))
        self.opt_g = torch.optim.Adam(self.gen.parameters(), lr=1e-3)
        self.opt_d = torch.optim.Adam(self.critic.parameters(), lr=1e-3)

    def forward(self, z, real, with_g):
        losses = {}
        fake = self.gen(z)
        losses["d"] = self.critic(fake.detach()).mean() - self.critic(real).mean()
        if with_g:
            losses["g"] = -self.critic(fake).mean()
        return losses


torch.manual_seed(0)
model = GanStep()
n_critic = 1
for it in range(2):
    losses = model(torch.randn(3, 4), torch.randn(3, 4), it % n_critic == 0)
    model.opt_d.zero_grad()
    losses["d"].backward()
    if "g" in losses:
        model.opt_g.zero_grad()
        losses["g"].backward()
        model.opt_g.step()
    model.opt_d.step()
