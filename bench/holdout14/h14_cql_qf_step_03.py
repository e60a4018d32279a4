# case: look-alike: the unchanged CQL step order during the behaviour-cloning warm-up (policy_eval_start=10): policy_loss is replaced by alpha * log_pi - policy.log_prob(obs, actions), which does not go through the critics, so backpropagating it after the two critic steps needs no overwritten weight
# source: https://github.com/aviralkumar2907/CQL/issues/5
from collections import OrderedDict
from types import SimpleNamespace

import numpy as np
import torch
import torch.optim as optim
from torch import nn as nn

torch.manual_seed(0)


class FlattenMlp(nn.Module):
    def __init__(self, input_size, output_size, hidden_sizes):
        super().__init__()
        layers, in_size = [], input_size
        for h in hidden_sizes:
            layers += [nn.Linear(in_size, h), nn.ReLU()]
            in_size = h
        self.fcs = nn.Sequential(*layers)
        self.last_fc = nn.Linear(in_size, output_size)

    def forward(self, *inputs):
        return self.last_fc(self.fcs(torch.cat(inputs, dim=1)))


class TanhGaussianPolicy(nn.Module):
    def __init__(self, obs_dim, action_dim, hidden_sizes):
        super().__init__()
        self.trunk = FlattenMlp(obs_dim, 2 * action_dim, hidden_sizes)

    def forward(self, obs, reparameterize=True, return_log_prob=False):
        mean, log_std = self.trunk(obs).chunk(2, dim=-1)
        log_std = torch.clamp(log_std, -20, 2)
        std = log_std.exp()
        pre_tanh = mean + std * torch.randn_like(mean) if reparameterize else mean
        action = torch.tanh(pre_tanh)
        log_prob = None
        if return_log_prob:
            log_prob = torch.distributions.Normal(mean, std).log_prob(pre_tanh) - torch.log(1 - action * action + 1e-6)
            log_prob = log_prob.sum(dim=1, keepdim=True)
        return action, mean, log_std, log_prob

    def log_prob(self, obs, actions):
        mean, log_std = self.trunk(obs).chunk(2, dim=-1)
        raw = torch.atanh(actions.clamp(-0.999, 0.999))
        return torch.distributions.Normal(mean, log_std.clamp(-20, 2).exp()).log_prob(raw).sum(dim=1, keepdim=True)


def soft_update_from_to(source, target, tau):
    for target_param, param in zip(target.parameters(), source.parameters()):
        target_param.data.copy_(target_param.data * (1.0 - tau) + param.data * tau)


class CQLTrainer:
    def __init__(self, env, policy, qf1, qf2, target_qf1, target_qf2, discount=0.99, policy_lr=1e-3, qf_lr=1e-3, soft_target_tau=1e-2, policy_eval_start=0, num_qs=2, min_q_version=3, temp=1.0, min_q_weight=1.0, max_q_backup=False, deterministic_backup=True, num_random=4, with_lagrange=False, lagrange_thresh=0.0):
        self.env, self.policy, self.qf1, self.qf2, self.target_qf1, self.target_qf2 = env, policy, qf1, qf2, target_qf1, target_qf2
        self.soft_target_tau = soft_target_tau
        self.target_entropy = -np.prod(env.action_space.shape).item()
        self.log_alpha = torch.zeros(1, requires_grad=True)
        self.alpha_optimizer = optim.Adam([self.log_alpha], lr=policy_lr)
        self.with_lagrange = with_lagrange
        if self.with_lagrange:
            self.target_action_gap = lagrange_thresh
            self.log_alpha_prime = torch.zeros(1, requires_grad=True)
            self.alpha_prime_optimizer = optim.Adam([self.log_alpha_prime], lr=qf_lr)
        self.qf_criterion = nn.MSELoss()
        self.policy_optimizer = optim.Adam(self.policy.parameters(), lr=policy_lr)
        self.qf1_optimizer = optim.Adam(self.qf1.parameters(), lr=qf_lr)
        self.qf2_optimizer = optim.Adam(self.qf2.parameters(), lr=qf_lr)
        self.discount, self.reward_scale = discount, 1.0
        self.eval_statistics = OrderedDict()
        self._current_epoch = 0
        self.policy_eval_start = policy_eval_start
        self.num_qs, self.temp, self.min_q_version, self.min_q_weight = num_qs, temp, min_q_version, min_q_weight
        self.max_q_backup, self.deterministic_backup, self.num_random = max_q_backup, deterministic_backup, num_random

    def _get_tensor_values(self, obs, actions, network=None):
        num_repeat = int(actions.shape[0] / obs.shape[0])
        obs_temp = obs.unsqueeze(1).repeat(1, num_repeat, 1).view(obs.shape[0] * num_repeat, obs.shape[1])
        return network(obs_temp, actions).view(obs.shape[0], num_repeat, 1)

    def _get_policy_actions(self, obs, num_actions, network=None):
        obs_temp = obs.unsqueeze(1).repeat(1, num_actions, 1).view(obs.shape[0] * num_actions, obs.shape[1])
        new_obs_actions, _, _, new_obs_log_pi = network(obs_temp, reparameterize=True, return_log_prob=True)
        return new_obs_actions, new_obs_log_pi.view(obs.shape[0], num_actions, 1)

    def train_from_torch(self, batch):
        self._current_epoch += 1
        rewards, terminals, obs, actions, next_obs = batch["rewards"], batch["terminals"], batch["observations"], batch["actions"], batch["next_observations"]

        """Policy and Alpha Loss"""
        new_obs_actions, policy_mean, policy_log_std, log_pi = self.policy(obs, reparameterize=True, return_log_prob=True)
        alpha_loss = -(self.log_alpha * (log_pi + self.target_entropy).detach()).mean()
        self.alpha_optimizer.zero_grad()
        alpha_loss.backward()
        self.alpha_optimizer.step()
        alpha = self.log_alpha.exp()
        q_new_actions = torch.min(self.qf1(obs, new_obs_actions), self.qf2(obs, new_obs_actions))
        policy_loss = (alpha * log_pi - q_new_actions).mean()
        if self._current_epoch < self.policy_eval_start:
            policy_log_prob = self.policy.log_prob(obs, actions)
            policy_loss = (alpha * log_pi - policy_log_prob).mean()

        """QF Loss"""
        q1_pred = self.qf1(obs, actions)
        q2_pred = self.qf2(obs, actions)
        new_next_actions, _, _, new_log_pi = self.policy(next_obs, reparameterize=True, return_log_prob=True)
        target_q_values = torch.min(self.target_qf1(next_obs, new_next_actions), self.target_qf2(next_obs, new_next_actions))
        if not self.deterministic_backup:
            target_q_values = target_q_values - alpha * new_log_pi
        q_target = (self.reward_scale * rewards + (1.0 - terminals) * self.discount * target_q_values).detach()
        qf1_loss = self.qf_criterion(q1_pred, q_target)
        qf2_loss = self.qf_criterion(q2_pred, q_target)

        ## add CQL
        random_actions_tensor = torch.FloatTensor(q2_pred.shape[0] * self.num_random, actions.shape[-1]).uniform_(-1, 1)
        curr_actions_tensor, curr_log_pis = self._get_policy_actions(obs, num_actions=self.num_random, network=self.policy)
        new_curr_actions_tensor, new_log_pis = self._get_policy_actions(next_obs, num_actions=self.num_random, network=self.policy)
        q1_rand = self._get_tensor_values(obs, random_actions_tensor, network=self.qf1)
        q2_rand = self._get_tensor_values(obs, random_actions_tensor, network=self.qf2)
        q1_curr_actions = self._get_tensor_values(obs, curr_actions_tensor, network=self.qf1)
        q2_curr_actions = self._get_tensor_values(obs, curr_actions_tensor, network=self.qf2)
        q1_next_actions = self._get_tensor_values(obs, new_curr_actions_tensor, network=self.qf1)
        q2_next_actions = self._get_tensor_values(obs, new_curr_actions_tensor, network=self.qf2)
        if self.min_q_version == 3:
            random_density = np.log(0.5 ** curr_actions_tensor.shape[-1])
            cat_q1 = torch.cat([q1_rand - random_density, q1_next_actions - new_log_pis.detach(), q1_curr_actions - curr_log_pis.detach()], 1)
            cat_q2 = torch.cat([q2_rand - random_density, q2_next_actions - new_log_pis.detach(), q2_curr_actions - curr_log_pis.detach()], 1)
        min_qf1_loss = torch.logsumexp(cat_q1 / self.temp, dim=1).mean() * self.min_q_weight * self.temp
        min_qf2_loss = torch.logsumexp(cat_q2 / self.temp, dim=1).mean() * self.min_q_weight * self.temp
        min_qf1_loss = min_qf1_loss - q1_pred.mean() * self.min_q_weight
        min_qf2_loss = min_qf2_loss - q2_pred.mean() * self.min_q_weight
        if self.with_lagrange:
            alpha_prime = torch.clamp(self.log_alpha_prime.exp(), min=0.0, max=1000000.0)
            min_qf1_loss = alpha_prime * (min_qf1_loss - self.target_action_gap)
            min_qf2_loss = alpha_prime * (min_qf2_loss - self.target_action_gap)
            self.alpha_prime_optimizer.zero_grad()
            alpha_prime_loss = (-min_qf1_loss - min_qf2_loss) * 0.5
            alpha_prime_loss.backward(retain_graph=True)
            self.alpha_prime_optimizer.step()
        qf1_loss = qf1_loss + min_qf1_loss
        qf2_loss = qf2_loss + min_qf2_loss

        """Update networks"""
        self.qf1_optimizer.zero_grad()
        qf1_loss.backward(retain_graph=True)
        self.qf1_optimizer.step()
        self.qf2_optimizer.zero_grad()
        qf2_loss.backward(retain_graph=True)
        self.qf2_optimizer.step()
        self.policy_optimizer.zero_grad()
        policy_loss.backward(retain_graph=False)
        self.policy_optimizer.step()

        """Soft Updates"""
        soft_update_from_to(self.qf1, self.target_qf1, self.soft_target_tau)
        soft_update_from_to(self.qf2, self.target_qf2, self.soft_target_tau)
        self.eval_statistics["QF1 Loss"] = qf1_loss.item()
        self.eval_statistics["Policy Loss"] = policy_loss.item()


obs_dim, action_dim, M = 5, 2, 16
env = SimpleNamespace(action_space=SimpleNamespace(shape=(action_dim,)))
qf1, qf2, target_qf1, target_qf2 = (FlattenMlp(obs_dim + action_dim, 1, [M, M]) for _ in range(4))
policy = TanhGaussianPolicy(obs_dim, action_dim, [M, M])
trainer = CQLTrainer(env, policy, qf1, qf2, target_qf1, target_qf2, min_q_version=3, num_random=4, policy_eval_start=10)
for it in range(2):
    batch = {"observations": torch.randn(8, obs_dim), "actions": torch.rand(8, action_dim) * 2 - 1, "rewards": torch.randn(8, 1), "terminals": torch.zeros(8, 1), "next_observations": torch.randn(8, obs_dim)}
    trainer.train_from_torch(batch)
