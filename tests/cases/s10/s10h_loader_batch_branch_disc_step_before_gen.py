# case: the critic scores generated rows against each batch a DataLoader hands out over a tensor of observations; with a batch given its forward returns one score per pairing (a list), without one a single score; the generator's list of scores is made before the critic's optimizer steps, and the step rewrites the critic weight the Linear saved for it, so the generator backward fails
import torch
import torch.nn as nn
from torch.utils.data import DataLoader


class PairCritic(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.fc = nn.Linear(width, 1)

    def forward(self, rows, observed=None):
        if observed is not None:
            return [self.fc(rows + observed), self.fc(rows - observed)]  # saver
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
    scores_g = critic(fake, batch)
    d_loss = sum([s.mean() for s in scores_d]) - critic(batch).mean()
    opt_d.zero_grad()
    d_loss.backward()
    opt_d.step()  # expect: GG002
    g_loss = -sum([s.mean() for s in scores_g])
    opt_g.zero_grad()
    g_loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    opt_g.step()
