# source: https://github.com/ClownW/Reinforcement-learning-with-PyTorch/issues/1
# case: the continuous-action twin in the same folder (AC_continue_Pendulum.py): a Gaussian actor (tanh mean, softplus scale) learns from the critic's TD error, which the critic returns attached after stepping its optimizer; the actor's `exp_v += 0.01 * entropy` is harmless (the product's output is not saved), but its backward again runs into the critic layers whose saved weights the critic's step rewrote; a small pendulum model stands in for gym
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

np.random.seed(1)
torch.manual_seed(1)

GAMMA = 0.9


class PendulumEnv:
    """Minimal pendulum swing-up dynamics standing in for gym's Pendulum-v0."""

    def reset(self):
        self.th, self.thdot = np.random.uniform(-np.pi, np.pi), np.random.uniform(-1, 1)
        return self._obs()

    def _obs(self):
        return np.array([np.cos(self.th), np.sin(self.th), self.thdot], dtype=np.float32)

    def step(self, u):
        u = float(np.clip(u, -2.0, 2.0))
        cost = (((self.th + np.pi) % (2 * np.pi)) - np.pi) ** 2 + 0.1 * self.thdot**2 + 0.001 * u**2
        self.thdot = np.clip(self.thdot + (3 * 10.0 / 2 * np.sin(self.th) + 3.0 * u) * 0.05, -8, 8)
        self.th = self.th + self.thdot * 0.05
        return self._obs(), -cost, False, {}


class Actor_Net(nn.Module):
    def __init__(self, n_features, n_hidden, n_outputs):
        super().__init__()
        self.l1 = nn.Linear(n_features, n_hidden)
        self.mu = nn.Linear(n_hidden, n_outputs)
        self.sigma = nn.Linear(n_hidden, n_outputs)

    def forward(self, x):
        x = F.relu(self.l1(x))
        return torch.tanh(self.mu(x)), F.softplus(self.sigma(x))


class Actor:
    def __init__(self, n_features, action_bound, n_hidden=30, lr=0.0001):
        self.action_bound = action_bound
        self.actor_net = Actor_Net(n_features, n_hidden, 1)
        self.optimizer = torch.optim.Adam(self.actor_net.parameters(), lr=lr)

    def normal_dist(self, s):
        mu, sigma = self.actor_net(torch.tensor(s[np.newaxis, :]))
        mu, sigma = (mu * 2).squeeze(), (sigma + 0.1).squeeze()
        return torch.distributions.Normal(mu, sigma)

    def choose_action(self, s):
        return torch.clamp(self.normal_dist(s).sample(), self.action_bound[0], self.action_bound[1])

    def learn(self, s, a, td):
        normal_dist = self.normal_dist(s)
        log_prob = normal_dist.log_prob(a)
        exp_v = log_prob * td.float()
        exp_v += 0.01 * normal_dist.entropy()
        loss = -exp_v
        self.optimizer.zero_grad()
        loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
        self.optimizer.step()
        return exp_v


class Critic_Net(nn.Module):
    def __init__(self, n_features, n_hidden, n_outputs):
        super().__init__()
        self.l1 = nn.Linear(n_features, n_hidden)
        self.v = nn.Linear(n_hidden, n_outputs)

    def forward(self, x):
        return self.v(F.relu(self.l1(x)))


class Critic:
    def __init__(self, n_features, n_hidden=30, lr=0.01):
        self.critic_net = Critic_Net(n_features, n_hidden, 1)
        self.optimizer = torch.optim.Adam(self.critic_net.parameters(), lr=lr)

    def learn(self, s, r, s_):
        s, s_ = torch.tensor(s[np.newaxis, :]), torch.tensor(s_[np.newaxis, :])
        v, v_ = self.critic_net(s), self.critic_net(s_)
        td_error = torch.mean(r + GAMMA * v_.double() - v.double())
        loss = td_error**2
        self.optimizer.zero_grad()
        loss.backward(retain_graph=True)
        self.optimizer.step()  # expect: GG002
        return td_error


env = PendulumEnv()
actor = Actor(n_features=3, lr=0.001, action_bound=[-2.0, 2.0])
critic = Critic(n_features=3, lr=0.01)

for i_episode in range(2):
    s = env.reset()
    ep_rs = []
    for t in range(10):
        a = actor.choose_action(s)
        s_, r, done, info = env.step(a)
        r /= 10
        td_error = critic.learn(s, r, s_)
        actor.learn(s, a, td_error)
        s = s_
        ep_rs.append(r)
    print("episode:", i_episode, "reward:", round(sum(ep_rs), 3))
