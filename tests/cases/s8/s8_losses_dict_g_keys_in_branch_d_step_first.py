# case: a GAN step collects its losses in a dict; the generator's loss is only added on critic rounds that also train G (a flag the loop computes), and the loop steps the critic before the generator's backward, which runs through the critic weights the step changed
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
            losses["g"] = -self.critic(fake).mean()  # saver
        return losses


torch.manual_seed(0)
model = GanStep()
n_critic = 1
for it in range(2):
    losses = model(torch.randn(3, 4), torch.randn(3, 4), it % n_critic == 0)
    model.opt_d.zero_grad()
    losses["d"].backward()
    model.opt_d.step()  # expect: GG002
    if "g" in losses:
        model.opt_g.zero_grad()
        losses["g"].backward()  # raises: RuntimeError: modified by an inplace operation
        model.opt_g.step()
