# case: SAC-style agent (clean twin): the actor is updated before the critic, so the actor backward runs before the critic step; the critic step zeroes the gradients the actor loss left on it
import torch
import torch.nn as nn


def take_step(optimizer, loss):
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()


class Agent:
    def __init__(self):
        self.actor = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 2))
        self.critic = nn.Sequential(nn.Linear(6, 8), nn.Tanh(), nn.Linear(8, 1))
        self.actor_opt = torch.optim.SGD(self.actor.parameters(), lr=0.1)
        self.critic_opt = torch.optim.SGD(self.critic.parameters(), lr=0.1)

    def losses(self, states, actions, targets):
        q = self.critic(torch.cat([states, actions], dim=1))
        critic_loss = (q - targets).pow(2).mean()
        new_actions = self.actor(states)
        actor_loss = -self.critic(torch.cat([states, new_actions], dim=1)).mean()
        return critic_loss, actor_loss

    def update(self, critic_loss, actor_loss):
        take_step(self.actor_opt, actor_loss)
        take_step(self.critic_opt, critic_loss)

    def learn(self, states, actions, targets):
        critic_loss, actor_loss = self.losses(states, actions, targets)
        self.update(critic_loss, actor_loss)


torch.manual_seed(0)
agent = Agent()
agent.learn(torch.randn(8, 4), torch.randn(8, 2), torch.randn(8, 1))
