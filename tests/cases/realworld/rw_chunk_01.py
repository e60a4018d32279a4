# case: Gaussian policy: means, log_stds = self.net(states).chunk(2, dim=-1) then log_stds.clamp_(-20, 2)
# source: https://github.com/toshikwa/gail-airl-ppo.pytorch/issues/13
import math

import torch
import torch.nn as nn


def calculate_log_pi(log_stds, noises, actions):
    gaussian_log_probs = (-0.5 * noises.pow(2) - log_stds).sum(dim=-1, keepdim=True) - 0.5 * math.log(2 * math.pi) * log_stds.size(-1)
    return gaussian_log_probs - torch.log(1 - actions.pow(2) + 1e-6).sum(dim=-1, keepdim=True)


def reparameterize(means, log_stds):
    noises = torch.randn_like(means)
    us = means + noises * log_stds.exp()
    actions = torch.tanh(us)
    return actions, calculate_log_pi(log_stds, noises, actions)


class StateDependentPolicy(nn.Module):
    def __init__(self, state_dim, action_dim):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(state_dim, 16), nn.Tanh(), nn.Linear(16, 2 * action_dim))

    def sample(self, states):
        means, log_stds = self.net(states).chunk(2, dim=-1)
        return reparameterize(means, log_stds.clamp_(-20, 2))  # expect: GG003  # raises: RuntimeError: Output 1 of Split is a view and is being modified inplace


actor = StateDependentPolicy(4, 2)
actions, log_pis = actor.sample(torch.randn(8, 4))
loss_actor = log_pis.mean()
loss_actor.backward()
