# case: a regulariser keeps the rows of a weight (`list(weight)`: unbind views, made with grad on) next to whole parameters in a list of (weights, decay, p) entries; the optimizer step updates the weight in place, and the next iteration's norm of a row raises
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
        self.reg_entries.append((list(weights), decay, p))

    def reg_loss(self):
        total = torch.zeros(1)
        for weights, decay, p in self.reg_entries:
            part = torch.zeros(1)
            for w in weights:
                part = part + torch.norm(w, p=p)  # raises: RuntimeError: Output 0 of Unbind is a view and its base or another view of its base has been modified inplace
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
    opt.step()  # expect: GG003
