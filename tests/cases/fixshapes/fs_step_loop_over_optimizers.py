# case: an ensemble of critics, each with its own optimizer stepped in a `for` loop, before the actor's backward through all the critics
import torch
import torch.nn as nn

critics = [nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 1)) for _ in range(2)]
opts = [torch.optim.SGD(c.parameters(), lr=0.1) for c in critics]
actor = nn.Linear(3, 3)
actor_opt = torch.optim.SGD(actor.parameters(), lr=0.1)
s = torch.randn(5, 3)
q_loss = sum(c(s).pow(2).mean() for c in critics)
a = actor(s)
policy_loss = -torch.cat([c(a) for c in critics], 1).mean()  # saver
for i in range(2):
    opts[i].zero_grad()
q_loss.backward()
for i in range(2):
    opts[i].step()  # expect: GG002
actor_opt.zero_grad()
policy_loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
actor_opt.step()
