import torch
import torch.nn as nn


class Mlp(nn.Module):
    def __init__(self, n_in, n_out, hidden=16):
        super().__init__()
        self.fc = nn.Linear(n_in, hidden)
        self.out = nn.Linear(hidden, n_out)

    def forward(self, x):
        return self.out(torch.relu(self.fc(x)))


class Ensemble(nn.Module):
    def __init__(self, n_in, n_nets=2):
        super().__init__()
        self.nets = []
        for i in range(n_nets):
            net = Mlp(n_in, 1)
            self.add_module(f"q{i}", net)
            self.nets.append(net)

    def forward(self, state, action):
        sa = torch.cat((state, action), dim=1)
        return torch.stack(tuple(net(sa) for net in self.nets), dim=1)
