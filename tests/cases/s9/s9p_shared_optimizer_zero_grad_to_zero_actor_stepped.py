# case: actor and critic under one optimizer, gradients zeroed to zero tensors (`zero_grad(set_to_none=False)`): from the second update on, the step after the critic's backward also moves the actor (its gradients are zeros, not None), and the actor's backward through the log-probabilities saved before fails
import torch
import torch.nn as nn

torch.manual_seed(0)
actor = nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 2))  # saver
critic = nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 1))
opt = torch.optim.SGD(list(actor.parameters()) + list(critic.parameters()), lr=0.1)
for epoch in range(2):
    x = torch.randn(3, 2)
    log_prob = torch.log_softmax(actor(x), dim=-1)[:, 0]
    value = critic(x).squeeze(-1)
    opt.zero_grad(set_to_none=False)
    value.pow(2).mean().backward()
    opt.step()  # expect: GG002
    (-log_prob.mean()).backward()  # raises: RuntimeError: modified by an inplace operation
