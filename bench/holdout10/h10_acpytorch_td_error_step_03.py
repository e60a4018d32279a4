# source: https://github.com/ClownW/Reinforcement-learning-with-PyTorch/issues/1
# case: look-alike ordering: the TD error is computed once, the actor learns from it first (its backward runs through the still-unchanged critic graph, which is why the critic's gradients are zeroed before its own loss), and only then does the critic backpropagate its squared TD error and step; no saved weight changes before a backward that needs it, so training runs
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

np.random.seed(1)
torch.manual_seed(1)

GAMMA = 0.9


class PoleEnv:
    """Minimal cart-pole dynamics standing in for gym's CartPole-v0."""

    def reset(self):
        self.state = np.random.uniform(-0.05, 0.05, size=4)
        return self.state.astype(np.float32)

    def step(self, action):
        x, x_dot, theta, theta_dot = self.state
        force = 10.0 if action == 1 else -10.0
        temp = (force + 0.05 * theta_dot**2 * np.sin(theta)) / 1.1
        theta_acc = (9.8 * np.sin(theta) - np.cos(theta) * temp) / (0.5 * (4.0 / 3.0 - 0.1 * np.cos(theta) ** 2 / 1.1))
        x_acc = temp - 0.05 * theta_acc * np.cos(theta) / 1.1
        self.state = np.array([x + 0.02 * x_dot, x_dot + 0.02 * x_acc, theta + 0.02 * theta_dot, theta_dot + 0.02 * theta_acc])
        done = abs(self.state[0]) > 2.4 or abs(self.state[2]) > 0.21
        return self.state.astype(np.float32), 1.0, done, {}


class Net(nn.Module):
    def __init__(self, n_feature, n_hidden, n_output, activate=False):
        super().__init__()
        self.l1 = nn.Linear(n_feature, n_hidden)
        self.acts_prob = nn.Linear(n_hidden, n_output)
        self.activate = activate

    def forward(self, x):
        x = F.relu(self.l1(x))
        x = self.acts_prob(x)
        if self.activate:
            x = F.softmax(x, dim=-1)
        return x


class Actor:
    def __init__(self, n_features, n_actions, n_hidden=20, lr=0.001):
        self.actor_net = Net(n_features, n_hidden, n_actions, activate=True)
        self.optimizer = torch.optim.Adam(self.actor_net.parameters(), lr=lr)

    def choose_action(self, s):
        probs = self.actor_net(torch.tensor(s[np.newaxis, :]))
        return np.random.choice(np.arange(probs.shape[1]), p=probs.detach().numpy().ravel())

    def learn(self, s, a, td):
        acts_prob = self.actor_net(torch.tensor(s[np.newaxis, :]))
        log_prob = torch.log(acts_prob[0, a])
        exp_v = torch.mean(log_prob * td)
        loss = -exp_v
        self.optimizer.zero_grad()
        loss.backward(retain_graph=True)
        self.optimizer.step()
        return exp_v


class Critic:
    def __init__(self, n_features, lr=0.01):
        self.critic_net = Net(n_features, 20, 1)
        self.optimizer = torch.optim.Adam(self.critic_net.parameters(), lr=lr)

    def td_error(self, s, r, s_):
        s, s_ = torch.tensor(s[np.newaxis, :]), torch.tensor(s_[np.newaxis, :])
        v, v_ = self.critic_net(s), self.critic_net(s_)
        return r + GAMMA * v_ - v

    def learn(self, td_error):
        loss = td_error**2
        self.optimizer.zero_grad()
        loss.backward(retain_graph=True)
        self.optimizer.step()
        return td_error


env = PoleEnv()
actor = Actor(n_features=4, n_actions=2, lr=0.001)
critic = Critic(n_features=4, lr=0.01)

for i_episode in range(2):
    s = env.reset()
    track_r = []
    for t in range(20):
        a = actor.choose_action(s)
        s_, r, done, info = env.step(a)
        if done:
            r = -20
        track_r.append(r)
        td_error = critic.td_error(s, r, s_)
        actor.learn(s, a, td_error)
        critic.learn(td_error)
        s = s_
        if done:
            break
    print("episode:", i_episode, "reward:", sum(track_r))
