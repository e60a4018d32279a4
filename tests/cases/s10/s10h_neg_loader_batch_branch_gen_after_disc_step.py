# case: the same critic and DataLoader over a tensor of observations, with the generator's scores computed after the critic's optimizer step: the generator backward goes through a fresh critic pass that saved the updated weight, and training runs
import torch
import torch.nn as nn
from torch.utils.data import DataLoader


class PairCritic(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.fc = nn.Linear(width, 1)

    def forward(self, rows, observed=None):
        if observed is not None:
            return [self.fc(rows + observed), self.fc(rows - observed)]
        return self.fc(rows)


torch.manual_seed(0)
observations = torch.randn(8, 4)
gen = nn.Linear(4, 4)
critic = PairCritic(4)
opt_g = torch.optim.SGD(gen.parameters(), lr=0.01)
opt_d = torch.optim.SGD(critic.parameters(), lr=0.01)

for batch in DataLoader(observations, batch_size=4, shuffle=True):
    fake = gen(torch.randn(4, 4))
    scores_d = critic(fake.detach(), batch)
    d_loss = sum([s.mean() for s in scores_d]) - critic(batch).mean()
    opt_d.zero_grad()
    d_loss.backward()
    opt_d.step()
    scores_g = critic(fake, batch)
    g_loss = -sum([s.mean() for s in scores_g])
    opt_g.zero_grad()
    g_loss.backward()
    opt_g.step()
