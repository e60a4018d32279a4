# case: the regulariser keeps whole parameters (a Parameter is stored as it is, not split into its rows): the optimizer step updating them in place leaves nothing stale, and training runs
import torch
import torch.nn as nn

torch.manual_seed(0)


class Ranker(nn.Module):
    def __init__(self, n_in=4, hidden=3):
        super().__init__()
        self.embed = nn.Linear(n_in, hidden)
        self.out = nn.Linear(hidden, 1)
        self.reg_entries = []
        self.add_reg(self.embed.parameters(), 1e-3)
        self.add_reg(self.out.weight, 1e-2)

    def add_reg(self, weights, decay, p=2):
        kept = [weights] if isinstance(weights, nn.Parameter) else list(weights)
        self.reg_entries.append((kept, decay, p))

    def reg_loss(self):
        total = torch.zeros(1)
        for weights, decay, p in self.reg_entries:
            part = torch.zeros(1)
            for w in weights:
                part = part + torch.norm(w, p=p)
            total = total + decay * part
        return total

    def forward(self, x):
        return self.out(torch.relu(self.embed(x))).squeeze(1)


model = Ranker()
opt = torch.optim.Adam(model.parameters(), lr=0.01)
x, y = torch.randn(8, 4), torch.randn(8)
for epoch in range(2):
    loss = ((model(x) - y) ** 2).mean() + model.reg_loss().sum()
    opt.zero_grad()
    loss.backward()
    opt.step()
