# case: the optimizer over itertools.chain of both generators steps between their forward and the backward through them
import itertools

import torch
import torch.nn as nn

G1 = nn.Linear(4, 4)
G2 = nn.Linear(4, 4)
opt_g = torch.optim.SGD(itertools.chain(G1.parameters(), G2.parameters()), lr=0.1)
z = torch.randn(2, 4)
G2(G1(z)).sum().backward()
out = G2(G1(z))  # saver
opt_g.step()  # expect: GG002
out.sum().backward()  # raises: RuntimeError: modified by an inplace operation
