# case: the generators' optimizer (over itertools.chain of their parameters) steps while a graph through the discriminator is pending: the discriminator's weights are not touched
import itertools

import torch
import torch.nn as nn

G1 = nn.Linear(4, 4)
G2 = nn.Linear(4, 4)
D = nn.Linear(4, 1)
opt_g = torch.optim.SGD(itertools.chain(G1.parameters(), G2.parameters()), lr=0.1)
z = torch.randn(2, 4)
G2(G1(z)).sum().backward()
fake = G2(G1(z)).detach().requires_grad_()
d_out = D(fake)
opt_g.step()
d_out.sum().backward()
