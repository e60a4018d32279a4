# case: the discriminator is trained in a helper (`train_d`: backward with retain_graph, step) called from the loop before the generator's backward through the same D output
import torch
import torch.nn as nn

G = nn.Linear(3, 3)
D = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 1))
opt_g = torch.optim.SGD(G.parameters(), lr=0.1)
opt_d = torch.optim.SGD(D.parameters(), lr=0.1)


def train_d(score):
    opt_d.zero_grad()
    score.mean().backward(retain_graph=True)
    opt_d.step()  # expect: GG002


for it in range(2):
    noise = torch.randn(4, 3)
    score = D(G(noise))  # saver
    train_d(score)
    opt_g.zero_grad()
    (-score.mean()).backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    opt_g.step()
