# source: https://github.com/thu-ml/tianshou/issues/29
# case: the same DDPGPolicy with the actor of tianshou's test/continuous/net.py, `logits = self._max * torch.tanh(self.last(logits))`: the `+=` lands on a fresh product, nothing saved it
import torch
import torch.nn as nn
import torch.nn.functional as F


class Actor(nn.Module):
    def __init__(self, state_dim, action_dim):
        super().__init__()
        self.model = nn.Sequential(nn.Linear(state_dim, 16), nn.ReLU(inplace=True))
        self.last = nn.Linear(16, action_dim)
        self._max = 1.0

    def forward(self, s, state=None, info={}):
        logits = self.model(s)
        logits = self._max * torch.tanh(self.last(logits))
        return logits, None


class Critic(nn.Module):
    def __init__(self, state_dim, action_dim):
        super().__init__()
        self.model = nn.Sequential(nn.Linear(state_dim + action_dim, 16), nn.ReLU(inplace=True), nn.Linear(16, 1))

    def forward(self, s, a):
        return self.model(torch.cat([s, a], dim=1))


class DDPGPolicy:
    def __init__(self, actor, actor_optim, critic, critic_optim, action_range, gamma=0.99, exploration_noise=0.1):
        self.actor, self.actor_optim = actor, actor_optim
        self.critic, self.critic_optim = critic, critic_optim
        self._range = action_range
        self._action_bias = (action_range[0] + action_range[1]) / 2
        self._gamma = gamma
        self._eps = exploration_noise

    def __call__(self, obs, eps=None):
        logits, h = self.actor(obs)
        logits += self._action_bias
        if eps is None:
            eps = self._eps
        if eps > 0:
            logits += torch.randn(size=logits.shape) * eps
        logits = logits.clamp(self._range[0], self._range[1])
        return logits

    def learn(self, obs, act, rew, obs_next):
        with torch.no_grad():
            target_q = rew + self._gamma * self.critic(obs_next, self(obs_next, eps=0))
        current_q = self.critic(obs, act)
        critic_loss = F.mse_loss(current_q, target_q)
        self.critic_optim.zero_grad()
        critic_loss.backward()
        self.critic_optim.step()
        actor_loss = -self.critic(obs, self(obs, eps=0)).mean()
        self.actor_optim.zero_grad()
        actor_loss.backward()
        self.actor_optim.step()
        return actor_loss.item(), critic_loss.item()


actor, critic = Actor(3, 2), Critic(3, 2)
policy = DDPGPolicy(actor, torch.optim.Adam(actor.parameters(), lr=1e-3), critic,
                    torch.optim.Adam(critic.parameters(), lr=1e-3), action_range=(-1.0, 1.0))
obs, act, rew, obs_next = torch.randn(8, 3), torch.rand(8, 2), torch.randn(8, 1), torch.randn(8, 3)
print(policy.learn(obs, act, rew, obs_next))
