import torch
from torch import nn

POLICY_REGISTRY = {}


def register_policy(name):
    def deco(cls):
        POLICY_REGISTRY[name] = cls
        return cls

    return deco


@register_policy("zero_action")
class ZeroActionPolicy:
    def __init__(self, act_dim):
        self.act_dim = act_dim

    def get_action(self, env, obs):
        return torch.zeros(obs["policy"].shape[0], self.act_dim)


@register_policy("mlp")
class MLPPolicy(nn.Module):
    def __init__(self, act_dim, obs_dim=3):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(obs_dim, 8), nn.Tanh(), nn.Linear(8, act_dim))

    def get_action(self, env, obs):
        return self.net(obs["policy"])


def get_policy(name, **kwargs):
    return POLICY_REGISTRY[name](**kwargs)
