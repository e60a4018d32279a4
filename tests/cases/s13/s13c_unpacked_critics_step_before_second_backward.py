# case: two critics are built by one generator expression unpacked into two names (`qf1, qf2 = (Mlp() for _ in range(2))`, as rlkit scripts do); the second critic's loss also goes through the first critic, and the first critic's optimizer steps before that loss is backpropagated
import torch
import torch.nn as nn

torch.manual_seed(0)


class Mlp(nn.Module):
    def __init__(self, n_in=5, hidden=8):
        super().__init__()
        self.fc = nn.Linear(n_in, hidden)
        self.out = nn.Linear(hidden, 1)

    def forward(self, x):
        return self.out(torch.relu(self.fc(x)))  # saver


qf1, qf2 = (Mlp() for _ in range(2))
opt1 = torch.optim.Adam(qf1.parameters(), lr=1e-3)
opt2 = torch.optim.Adam(qf2.parameters(), lr=1e-3)
obs = torch.randn(8, 5)
for it in range(2):
    q1 = qf1(obs)
    q2 = qf2(obs)
    loss1 = q1.pow(2).mean()
    loss2 = (q2 - q1).pow(2).mean()
    opt1.zero_grad()
    loss1.backward(retain_graph=True)
    opt1.step()  # expect: GG002
    opt2.zero_grad()
    loss2.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    opt2.step()
