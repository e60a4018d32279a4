# case: the discriminator's step in a one-line `if`, before the generator's backward through the same D output
import torch
import torch.nn as nn

G = nn.Linear(3, 3)
D = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 1))
opt_g = torch.optim.SGD(G.parameters(), lr=0.1)
opt_d = torch.optim.SGD(D.parameters(), lr=0.1)
score = D(G(torch.randn(4, 3)))  # saver
opt_d.zero_grad()
score.mean().backward(retain_graph=True)
if True: opt_d.step()  # expect: GG002
opt_g.zero_grad()
(-score.mean()).backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
opt_g.step()
