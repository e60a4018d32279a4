import torch
import torch.nn as nn
import torch.nn.functional as F

from tqc import DEVICE

LOG_STD_MIN_MAX = (-20, 2)


class ReplayBuffer:
    def __init__(self, state_dim, action_dim, size=64, seed=0):
        g = torch.Generator().manual_seed(seed)
        self.state = torch.randn(size, state_dim, generator=g)
        self.action = torch.rand(size, action_dim, generator=g) * 2 - 1
        self.next_state = torch.randn(size, state_dim, generator=g)
        self.reward = torch.randn(size, 1, generator=g)
        self.not_done = torch.ones(size, 1)
        self.g = g

    def sample(self, batch_size):
        ind = torch.randint(0, self.state.shape[0], (batch_size,), generator=self.g)
        return (self.state[ind].to(DEVICE), self.action[ind].to(DEVICE), self.next_state[ind].to(DEVICE),
                self.reward[ind].to(DEVICE), self.not_done[ind].to(DEVICE))


class Mlp(nn.Module):
    def __init__(self, input_size, hidden_sizes, output_size):
        super().__init__()
        self.fcs = []
        in_size = input_size
        for i, next_size in enumerate(hidden_sizes):
            fc = nn.Linear(in_size, next_size)
            self.add_module(f"fc{i}", fc)
            self.fcs.append(fc)
            in_size = next_size
        self.last_fc = nn.Linear(in_size, output_size)

    def forward(self, input):
        h = input
        for fc in self.fcs:
            h = F.relu(fc(h))
        output = self.last_fc(h)  # saver
        return output


class Critic(nn.Module):
    def __init__(self, state_dim, action_dim, n_quantiles, n_nets):
        super().__init__()
        self.nets = []
        self.n_quantiles = n_quantiles
        self.n_nets = n_nets
        for i in range(n_nets):
            net = Mlp(state_dim + action_dim, [32, 32], n_quantiles)
            self.add_module(f"qf{i}", net)
            self.nets.append(net)

    def forward(self, state, action):
        sa = torch.cat((state, action), dim=1)
        quantiles = torch.stack(tuple(net(sa) for net in self.nets), dim=1)
        return quantiles


class Actor(nn.Module):
    def __init__(self, state_dim, action_dim):
        super().__init__()
        self.action_dim = action_dim
        self.net = Mlp(state_dim, [32, 32], 2 * action_dim)

    def forward(self, obs):
        mean, log_std = self.net(obs).split([self.action_dim, self.action_dim], dim=1)
        log_std = log_std.clamp(*LOG_STD_MIN_MAX)
        std = torch.exp(log_std)
        pre_tanh = mean + std * torch.randn_like(mean)
        action = torch.tanh(pre_tanh)
        normal = torch.distributions.Normal(mean, std)
        log_prob = normal.log_prob(pre_tanh) - torch.log(1 - action * action + 1e-6)
        log_prob = log_prob.sum(dim=1, keepdim=True)
        return action, log_prob
