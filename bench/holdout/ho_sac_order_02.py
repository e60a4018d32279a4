# case: the fix: q_new_actions/policy_loss are computed after the qf1/qf2 optimizer steps (policy_optimizer.step() after a retain_graph backward with no later backward); runs cleanly
# source: https://github.com/microsoft/oac-explore/issues/27
import torch
import torch.nn as nn
import torch.optim as optim


class TanhGaussianPolicy(nn.Module):
    def __init__(self, obs_dim, act_dim, hidden=16):
        super().__init__()
        self.fc = nn.Sequential(nn.Linear(obs_dim, hidden), nn.ReLU())
        self.mean = nn.Linear(hidden, act_dim)
        self.log_std = nn.Linear(hidden, act_dim)

    def forward(self, obs, reparameterize=True, return_log_prob=True):
        h = self.fc(obs)
        mean = self.mean(h)
        log_std = self.log_std(h).clamp(-20, 2)
        dist = torch.distributions.Normal(mean, log_std.exp())
        pre_tanh = dist.rsample()
        action = torch.tanh(pre_tanh)
        log_prob = dist.log_prob(pre_tanh) - torch.log(1 - action.pow(2) + 1e-6)
        return action, mean, log_std, log_prob.sum(-1, keepdim=True)


class QNet(nn.Module):
    def __init__(self, obs_dim, act_dim, hidden=16):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(obs_dim + act_dim, hidden), nn.ReLU(), nn.Linear(hidden, 1))

    def forward(self, obs, act):
        return self.net(torch.cat([obs, act], dim=1))


class SACTrainer:
    def __init__(self, obs_dim=3, act_dim=2, discount=0.99, reward_scale=1.0):
        self.policy = TanhGaussianPolicy(obs_dim, act_dim)
        self.qf1 = QNet(obs_dim, act_dim)
        self.qf2 = QNet(obs_dim, act_dim)
        self.target_qf1 = QNet(obs_dim, act_dim)
        self.target_qf2 = QNet(obs_dim, act_dim)
        self.target_entropy = -float(act_dim)
        self.log_alpha = torch.zeros(1, requires_grad=True)
        self.alpha_optimizer = optim.Adam([self.log_alpha], lr=1e-3)
        self.policy_optimizer = optim.Adam(self.policy.parameters(), lr=1e-3)
        self.qf1_optimizer = optim.Adam(self.qf1.parameters(), lr=1e-3)
        self.qf2_optimizer = optim.Adam(self.qf2.parameters(), lr=1e-3)
        self.qf_criterion = nn.MSELoss()
        self.discount = discount
        self.reward_scale = reward_scale

    def train_from_torch(self, batch):
        rewards = batch['rewards']
        terminals = batch['terminals']
        obs = batch['observations']
        actions = batch['actions']
        next_obs = batch['next_observations']

        # Policy and Alpha Loss
        new_obs_actions, policy_mean, policy_log_std, log_pi = self.policy(obs)
        alpha_loss = -(self.log_alpha * (log_pi + self.target_entropy).detach()).mean()
        self.alpha_optimizer.zero_grad()
        alpha_loss.backward()
        self.alpha_optimizer.step()
        alpha = self.log_alpha.exp()

        # QF Loss
        q1_pred = self.qf1(obs, actions)
        q2_pred = self.qf2(obs, actions)
        new_next_actions, _, _, new_log_pi = self.policy(next_obs)
        target_q_values = torch.min(
            self.target_qf1(next_obs, new_next_actions),
            self.target_qf2(next_obs, new_next_actions),
        ) - alpha * new_log_pi
        q_target = self.reward_scale * rewards + (1. - terminals) * self.discount * target_q_values
        qf1_loss = self.qf_criterion(q1_pred, q_target.detach())
        qf2_loss = self.qf_criterion(q2_pred, q_target.detach())

        # Update networks
        self.qf1_optimizer.zero_grad()
        qf1_loss.backward(retain_graph=True)
        self.qf1_optimizer.step()

        self.qf2_optimizer.zero_grad()
        qf2_loss.backward(retain_graph=True)
        self.qf2_optimizer.step()

        q_new_actions = torch.min(
            self.qf1(obs, new_obs_actions),
            self.qf2(obs, new_obs_actions),
        )
        policy_loss = (alpha * log_pi - q_new_actions).mean()

        self.policy_optimizer.zero_grad()
        policy_loss.backward(retain_graph=True)
        self.policy_optimizer.step()

torch.manual_seed(0)
trainer = SACTrainer()
batch = {
    'rewards': torch.randn(8, 1),
    'terminals': torch.zeros(8, 1),
    'observations': torch.randn(8, 3),
    'actions': torch.rand(8, 2) * 2 - 1,
    'next_observations': torch.randn(8, 3),
}
for _ in range(2):
    trainer.train_from_torch(batch)
