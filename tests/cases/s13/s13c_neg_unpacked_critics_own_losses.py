# case: two critics are built by one generator expression unpacked into two names (`qf1, qf2 = (Mlp() for _ in range(2))`); each loss goes through its own critic only, so the first critic's step before the second loss's backward rewrites no weight that backward needs (each name has its own layers)
import torch
import torch.nn as nn

torch.manual_seed(0)


class Mlp(nn.Module):
    def __init__(self, n_in=5, hidden=8):
        super().__init__()
        self.fc = nn.Linear(n_in, hidden)
        self.out = nn.Linear(hidden, 1)

    def forward(self, x):
        return self.out(torch.relu(self.fc(x)))


qf1, qf2 = (Mlp() for _ in range(2))
opt1 = torch.optim.Adam(qf1.parameters(), lr=1e-3)
opt2 = torch.optim.Adam(qf2.parameters(), lr=1e-3)
obs = torch.randn(8, 5)
for it in range(2):
    q1 = qf1(obs)
    q2 = qf2(obs)
    loss1 = q1.pow(2).mean()
    loss2 = q2.pow(2).mean()
    opt1.zero_grad()
    loss1.backward(retain_graph=True)
    opt1.step()
    opt2.zero_grad()
    loss2.backward()
    opt2.step()
