import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.distributions import Normal


class TransitionModel(nn.Module):
    """Prior of a tiny RSSM: (state, action, rnn_hidden) -> (p(next state), next rnn_hidden)."""

    def __init__(self, state_dim, action_dim, rnn_hidden_dim, hidden_dim=32, min_stddev=0.1):
        super().__init__()
        self.fc_state_action = nn.Linear(state_dim + action_dim, hidden_dim)
        self.rnn = nn.GRUCell(hidden_dim, rnn_hidden_dim)
        self.fc_mean = nn.Linear(rnn_hidden_dim, state_dim)
        self.fc_stddev = nn.Linear(rnn_hidden_dim, state_dim)
        self._min_stddev = min_stddev

    def prior(self, state, action, rnn_hidden):
        hidden = F.elu(self.fc_state_action(torch.cat([state, action], dim=1)))
        rnn_hidden = self.rnn(hidden, rnn_hidden)
        mean = self.fc_mean(rnn_hidden)
        stddev = F.softplus(self.fc_stddev(rnn_hidden)) + self._min_stddev
        return Normal(mean, stddev), rnn_hidden


class RewardModel(nn.Module):
    def __init__(self, state_dim, rnn_hidden_dim, hidden_dim=32):
        super().__init__()
        self.fc1 = nn.Linear(state_dim + rnn_hidden_dim, hidden_dim)
        self.fc2 = nn.Linear(hidden_dim, 1)

    def forward(self, state, rnn_hidden):
        return self.fc2(F.elu(self.fc1(torch.cat([state, rnn_hidden], dim=1))))


class ValueModel(nn.Module):
    def __init__(self, state_dim, rnn_hidden_dim, hidden_dim=32):
        super().__init__()
        self.fc1 = nn.Linear(state_dim + rnn_hidden_dim, hidden_dim)
        self.fc2 = nn.Linear(hidden_dim, hidden_dim)
        self.fc3 = nn.Linear(hidden_dim, 1)

    def forward(self, state, rnn_hidden):
        hidden = F.elu(self.fc1(torch.cat([state, rnn_hidden], dim=1)))
        hidden = F.elu(self.fc2(hidden))
        state_value = self.fc3(hidden)  # saver
        return state_value


class ActionModel(nn.Module):
    def __init__(self, state_dim, rnn_hidden_dim, action_dim, hidden_dim=32, min_stddev=1e-4, init_stddev=5.0):
        super().__init__()
        self.fc1 = nn.Linear(state_dim + rnn_hidden_dim, hidden_dim)
        self.fc2 = nn.Linear(hidden_dim, hidden_dim)
        self.fc_mean = nn.Linear(hidden_dim, action_dim)
        self.fc_stddev = nn.Linear(hidden_dim, action_dim)
        self.min_stddev = min_stddev
        self.init_stddev = init_stddev

    def forward(self, state, rnn_hidden, training=True):
        hidden = F.elu(self.fc1(torch.cat([state, rnn_hidden], dim=1)))
        hidden = F.elu(self.fc2(hidden))
        mean = self.fc_mean(hidden)
        stddev = F.softplus(self.fc_stddev(hidden) + self.init_stddev) + self.min_stddev
        if training:
            return torch.tanh(Normal(mean, stddev).rsample())
        return torch.tanh(mean)
