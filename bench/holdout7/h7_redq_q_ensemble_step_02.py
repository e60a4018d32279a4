# source: https://github.com/watchernyu/REDQ/pull/2
# case: the PR's order: q_loss_all and policy_loss are both backpropagated (each after zeroing its optimizers' grads) before any of the Q optimizers or the policy optimizer steps
import torch
import torch.nn as nn
import torch.optim as optim
from torch.distributions import Normal

torch.manual_seed(0)


def mlp(in_dim, out_dim, hidden=8):
    return nn.Sequential(nn.Linear(in_dim, hidden), nn.ReLU(), nn.Linear(hidden, out_dim))


class TanhGaussianPolicy(nn.Module):
    def __init__(self, obs_dim, act_dim):
        super().__init__()
        self.body = mlp(obs_dim, 2 * act_dim)

    def forward(self, obs):
        mean, log_std = self.body(obs).chunk(2, dim=-1)
        std = log_std.clamp(-5, 2).exp()
        normal = Normal(mean, std)
        pretanh = normal.rsample()
        a_tilda = torch.tanh(pretanh)
        log_prob = normal.log_prob(pretanh) - torch.log(1 - a_tilda.pow(2) + 1e-6)
        return a_tilda, log_prob.sum(1, keepdim=True)


class REDQSACAgent:
    def __init__(self, obs_dim=3, act_dim=2, num_Q=3, lr=3e-4, gamma=0.99):
        self.num_Q, self.gamma, self.alpha = num_Q, gamma, 0.2
        self.policy_net = TanhGaussianPolicy(obs_dim, act_dim)
        self.q_net_list = [mlp(obs_dim + act_dim, 1) for _ in range(num_Q)]
        self.policy_optimizer = optim.Adam(self.policy_net.parameters(), lr=lr)
        self.q_optimizer_list = [optim.Adam(q.parameters(), lr=lr) for q in self.q_net_list]
        self.mse_criterion = nn.MSELoss()

    def train(self, obs_tensor, acts_tensor, y_q):
        q_prediction_list = [q(torch.cat([obs_tensor, acts_tensor], 1)) for q in self.q_net_list]
        q_prediction_cat = torch.cat(q_prediction_list, dim=1)
        q_loss_all = self.mse_criterion(q_prediction_cat, y_q.expand((-1, self.num_Q))) * self.num_Q

        # get policy loss
        a_tilda, log_prob_a_tilda = self.policy_net(obs_tensor)
        q_a_tilda_list = []
        for sample_idx in range(self.num_Q):
            q_a_tilda = self.q_net_list[sample_idx](torch.cat([obs_tensor, a_tilda], 1))
            q_a_tilda_list.append(q_a_tilda)
        ave_q = torch.mean(torch.cat(q_a_tilda_list, 1), dim=1, keepdim=True)
        policy_loss = (self.alpha * log_prob_a_tilda - ave_q).mean()

        for q_i in range(self.num_Q):
            self.q_optimizer_list[q_i].zero_grad()
        q_loss_all.backward()
        self.policy_optimizer.zero_grad()
        policy_loss.backward()

        # update networks
        for q_i in range(self.num_Q):
            self.q_optimizer_list[q_i].step()
        self.policy_optimizer.step()


agent = REDQSACAgent()
for _ in range(2):
    agent.train(torch.randn(6, 3), torch.rand(6, 2) * 2 - 1, torch.randn(6, 1))
