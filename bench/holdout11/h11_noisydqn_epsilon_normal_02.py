# case: fix of the same Double DQN: each forward draws fresh noise into local tensors (torch.randn_like) and multiplies by those; the buffers only keep a copy of the last noise for inspection, so the in-place copy_ into them touches nothing a backward needs
# source: https://github.com/PacktPublishing/Deep-Reinforcement-Learning-Hands-On-Second-Edition/issues/21
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class NoisyLinear(nn.Linear):
    def __init__(self, in_features, out_features, sigma_init=0.017, bias=True):
        super().__init__(in_features, out_features, bias=bias)
        self.sigma_weight = nn.Parameter(torch.full((out_features, in_features), sigma_init))
        self.register_buffer("epsilon_weight", torch.zeros(out_features, in_features))
        if bias:
            self.sigma_bias = nn.Parameter(torch.full((out_features,), sigma_init))
            self.register_buffer("epsilon_bias", torch.zeros(out_features))
        self.reset_parameters()

    def reset_parameters(self):
        std = math.sqrt(3 / self.in_features)
        self.weight.data.uniform_(-std, std)
        self.bias.data.uniform_(-std, std)

    def forward(self, input):
        eps_w = torch.randn_like(self.epsilon_weight)
        self.epsilon_weight.copy_(eps_w)
        bias = self.bias
        if bias is not None:
            eps_b = torch.randn_like(self.epsilon_bias)
            self.epsilon_bias.copy_(eps_b)
            bias = bias + self.sigma_bias * eps_b
        noisy_w = self.weight + self.sigma_weight * eps_w
        return F.linear(input, noisy_w, bias)


class NoisyFFDQN(nn.Module):
    def __init__(self, obs_len, actions_n):
        super().__init__()
        self.fc_val = nn.Sequential(nn.Linear(obs_len, 32), nn.ReLU(), NoisyLinear(32, 1))
        self.fc_adv = nn.Sequential(nn.Linear(obs_len, 32), nn.ReLU(), NoisyLinear(32, actions_n))

    def forward(self, x):
        val = self.fc_val(x)
        adv = self.fc_adv(x)
        return val + (adv - adv.mean(dim=1, keepdim=True))


def calc_loss(batch, net, tgt_net, gamma):
    states_v, actions_v, rewards_v, done_mask, next_states_v = batch
    state_action_values = net(states_v).gather(1, actions_v.unsqueeze(-1)).squeeze(-1)
    next_state_actions = net(next_states_v).max(1)[1]
    next_state_values = tgt_net(next_states_v).gather(1, next_state_actions.unsqueeze(-1)).squeeze(-1)
    next_state_values[done_mask] = 0.0
    expected = next_state_values.detach() * gamma + rewards_v
    return nn.MSELoss()(state_action_values, expected)


obs_len, n_actions, batch_size = 10, 3, 16
net = NoisyFFDQN(obs_len, n_actions)
tgt_net = NoisyFFDQN(obs_len, n_actions)
tgt_net.load_state_dict(net.state_dict())
optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)

for step in range(3):
    batch = (
        torch.randn(batch_size, obs_len),
        torch.randint(0, n_actions, (batch_size,)),
        torch.randn(batch_size),
        torch.rand(batch_size) < 0.1,
        torch.randn(batch_size, obs_len),
    )
    optimizer.zero_grad()
    loss_v = calc_loss(batch, net, tgt_net, gamma=0.99)
    loss_v.backward()
    optimizer.step()
print("trained")
