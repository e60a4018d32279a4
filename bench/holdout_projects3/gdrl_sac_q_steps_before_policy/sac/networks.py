import torch
import torch.nn as nn
import torch.nn.functional as F


class FCQSA(nn.Module):
    def __init__(self, input_dim, output_dim, hidden_dims=(16,)):
        super().__init__()
        self.input_layer = nn.Linear(input_dim + output_dim, hidden_dims[0])
        self.output_layer = nn.Linear(hidden_dims[-1], 1)

    def forward(self, state, action):
        x = F.relu(self.input_layer(torch.cat((state, action), dim=1)))
        return self.output_layer(x)


class FCGP(nn.Module):
    def __init__(self, input_dim, action_dim, hidden_dims=(16,)):
        super().__init__()
        self.input_layer = nn.Linear(input_dim, hidden_dims[0])
        self.output_layer_mean = nn.Linear(hidden_dims[-1], action_dim)
        self.output_layer_log_std = nn.Linear(hidden_dims[-1], action_dim)
        self.target_entropy = -float(action_dim)
        self.logalpha = torch.zeros(1, requires_grad=True)
        self.alpha_optimizer = torch.optim.Adam([self.logalpha], lr=1e-3)

    def full_pass(self, state, epsilon=1e-6):
        x = F.relu(self.input_layer(state))
        mean = self.output_layer_mean(x)
        log_std = self.output_layer_log_std(x).clamp(-20, 2)
        pi_s = torch.distributions.Normal(mean, log_std.exp())
        pre_tanh_action = pi_s.rsample()
        tanh_action = torch.tanh(pre_tanh_action)
        log_prob = pi_s.log_prob(pre_tanh_action) - torch.log((1 - tanh_action.pow(2)).clamp(0, 1) + epsilon)
        log_prob = log_prob.sum(dim=1, keepdim=True)
        return tanh_action, log_prob, torch.tanh(mean)
