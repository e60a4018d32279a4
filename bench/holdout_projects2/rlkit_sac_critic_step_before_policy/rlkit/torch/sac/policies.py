import torch
from torch.distributions import Normal

from ..networks import Mlp

LOG_SIG_MAX = 2
LOG_SIG_MIN = -20


class TanhGaussianPolicy(Mlp):
    def __init__(self, hidden_sizes, obs_dim, action_dim):
        super().__init__(hidden_sizes, input_size=obs_dim, output_size=action_dim)
        self.last_fc_log_std = torch.nn.Linear(hidden_sizes[-1], action_dim)

    def forward(self, obs, reparameterize=True, return_log_prob=False):
        h = obs
        for fc in self.fcs:
            h = self.hidden_activation(fc(h))
        mean = self.last_fc(h)
        log_std = self.last_fc_log_std(h)
        log_std = torch.clamp(log_std, LOG_SIG_MIN, LOG_SIG_MAX)
        std = torch.exp(log_std)

        normal = Normal(mean, std)
        pre_tanh_value = normal.rsample() if reparameterize else normal.sample()
        action = torch.tanh(pre_tanh_value)
        log_prob = None
        if return_log_prob:
            log_prob = normal.log_prob(pre_tanh_value) - torch.log(1 - action * action + 1e-6)
            log_prob = log_prob.sum(dim=1, keepdim=True)
        return action, mean, log_std, log_prob, std, pre_tanh_value
