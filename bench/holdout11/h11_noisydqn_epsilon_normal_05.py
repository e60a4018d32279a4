# case: Rainbow-style factorised NoisyLinear: the noise is re-sampled in place only by an explicit reset_noise() called once per training step before any forward, so the two forwards of the online net in the Double DQN loss share the same epsilon and nothing is modified between them and the backward
# source: https://github.com/PacktPublishing/Deep-Reinforcement-Learning-Hands-On-Second-Edition/issues/21
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class NoisyFactorizedLinear(nn.Linear):
    def __init__(self, in_features, out_features, sigma_zero=0.4):
        super().__init__(in_features, out_features, bias=True)
        sigma_init = sigma_zero / math.sqrt(in_features)
        self.sigma_weight = nn.Parameter(torch.full((out_features, in_features), sigma_init))
        self.sigma_bias = nn.Parameter(torch.full((out_features,), sigma_init))
        self.register_buffer("epsilon_input", torch.zeros(1, in_features))
        self.register_buffer("epsilon_output", torch.zeros(out_features, 1))

    def reset_noise(self):
        self.epsilon_input.normal_()
        self.epsilon_output.normal_()

    def forward(self, input):
        func = lambda x: torch.sign(x) * torch.sqrt(torch.abs(x))
        eps_in = func(self.epsilon_input)
        eps_out = func(self.epsilon_output)
        bias = self.bias + self.sigma_bias * eps_out.t().squeeze(0)
        noise_v = torch.mul(eps_in, eps_out)
        return F.linear(input, self.weight + self.sigma_weight * noise_v, bias)


class NoisyFFDQN(nn.Module):
    def __init__(self, obs_len, actions_n):
        super().__init__()
        self.fc_val = nn.Sequential(nn.Linear(obs_len, 32), nn.ReLU(), NoisyFactorizedLinear(32, 1))
        self.fc_adv = nn.Sequential(nn.Linear(obs_len, 32), nn.ReLU(), NoisyFactorizedLinear(32, actions_n))

    def reset_noise(self):
        for m in self.modules():
            if isinstance(m, NoisyFactorizedLinear):
                m.reset_noise()

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
    net.reset_noise()
    tgt_net.reset_noise()
    optimizer.zero_grad()
    loss_v = calc_loss(batch, net, tgt_net, gamma=0.99)
    loss_v.backward()
    optimizer.step()
print("trained")
