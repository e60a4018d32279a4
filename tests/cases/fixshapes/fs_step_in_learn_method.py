# case: an agent's `learn` method steps the critic before backpropagating the actor loss it computed earlier through the critic
import torch
import torch.nn as nn


class Agent:
    def __init__(self):
        self.actor = nn.Linear(3, 1)
        self.critic = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 1))
        self.a_opt = torch.optim.SGD(self.actor.parameters(), lr=0.1)
        self.c_opt = torch.optim.SGD(self.critic.parameters(), lr=0.1)

    def learn(self, s, r):
        a = self.actor(s)
        q = self.critic(torch.cat([s, a], dim=1))  # saver
        actor_loss = -q.mean()
        critic_loss = (q - r).pow(2).mean()
        self.c_opt.zero_grad()
        critic_loss.backward(retain_graph=True)
        self.c_opt.step()  # expect: GG002
        self.a_opt.zero_grad()
        actor_loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
        self.a_opt.step()


Agent().learn(torch.randn(6, 3), torch.randn(6, 1))
