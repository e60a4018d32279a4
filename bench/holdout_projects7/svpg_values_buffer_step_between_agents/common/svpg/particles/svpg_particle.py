import torch.nn as nn

from .distributions import DiagGaussian
from .utils import orthogonal_init


class SVPGParticleCritic(nn.Module):
    def __init__(self, input_dim, hidden_dim):
        super().__init__()
        self.critic = nn.Sequential(
            orthogonal_init(nn.Linear(input_dim, hidden_dim)),
            nn.Tanh(),
            orthogonal_init(nn.Linear(hidden_dim, 1)),
        )

    def forward(self, x):
        return self.critic(x)


class SVPGParticleActorBase(nn.Module):
    def __init__(self, input_dim, hidden_dim):
        super().__init__()
        self.actor_hidden = nn.Sequential(orthogonal_init(nn.Linear(input_dim, hidden_dim)), nn.Tanh())

    def forward(self, x):
        return self.actor_hidden(x)


class SVPGParticle(nn.Module):
    """Actor-critic particle: actor and critic are separate networks, one optimizer for both."""

    def __init__(self, input_dim, output_dim, hidden_dim, freeze=False):
        super().__init__()
        self.critic = SVPGParticleCritic(input_dim, hidden_dim)
        self.actor_hidden = SVPGParticleActorBase(input_dim, hidden_dim)
        self.dist = DiagGaussian(hidden_dim, output_dim)
        if freeze:
            for param in self.parameters():
                param.requires_grad = False
        self.reset()

    def forward(self, x):
        dist = self.dist(self.actor_hidden(x))
        value = self.critic(x)
        return dist, value

    def reset(self):
        self.saved_log_probs = []
        self.saved_klds = []

    def actor_parameters(self):
        return list(self.actor_hidden.parameters()) + list(self.dist.parameters())
