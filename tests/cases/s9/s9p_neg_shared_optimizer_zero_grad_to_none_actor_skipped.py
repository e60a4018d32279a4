# case: clean twin: the same shared optimizer, with `zero_grad()` setting gradients to None (the default): the step after the critic backward leaves the actor alone (its gradients are None), so the actor backward through the saved log-probabilities runs
import torch
import torch.nn as nn

torch.manual_seed(0)
actor = nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 2))
critic = nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 1))
opt = torch.optim.SGD(list(actor.parameters()) + list(critic.parameters()), lr=0.1)
for epoch in range(2):
    x = torch.randn(3, 2)
    log_prob = torch.log_softmax(actor(x), dim=-1)[:, 0]
    value = critic(x).squeeze(-1)
    opt.zero_grad()
    value.pow(2).mean().backward()
    opt.step()
    (-log_prob.mean()).backward()
