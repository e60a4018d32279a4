from copy import deepcopy

import torch
import torch.nn as nn
from torch.distributions.categorical import Categorical

from mb_agg import g_pool_cal
from models import Job_Actor, Mch_Actor
from Params import configs

device = torch.device(configs.device)


class Memory:
    def __init__(self):
        self.adj_mb, self.fea_mb, self.candidate_mb, self.mask_mb = [], [], [], []
        self.r_mb, self.done_mb, self.action, self.mch, self.mch_time = [], [], [], [], []
        self.job_logprobs, self.mch_logprobs = [], []


def adv_normalize(adv):
    return (adv - adv.mean()) / (adv.std() + 1e-8)


class PPO:
    def __init__(self, lr, gamma, k_epochs, eps_clip):
        self.gamma, self.eps_clip, self.k_epochs = gamma, eps_clip, k_epochs
        self.policy_job = Job_Actor(configs.n_j, configs.n_m, 2, configs.input_dim, configs.hidden_dim, device)
        self.policy_mch = Mch_Actor(configs.n_m, configs.hidden_dim)
        self.policy_old_job = deepcopy(self.policy_job)
        self.policy_old_mch = deepcopy(self.policy_mch)
        self.job_optimizer = torch.optim.Adam(self.policy_job.parameters(), lr=lr)
        self.mch_optimizer = torch.optim.Adam(self.policy_mch.parameters(), lr=lr)
        self.MSE = nn.MSELoss()

    def update(self, memories):
        rewards_all_env = []
        for i in range(configs.batch_size):
            rewards, discounted_reward = [], 0
            for reward, is_terminal in zip(reversed(memories.r_mb[i].tolist()), reversed(memories.done_mb[i].tolist())):
                if is_terminal:
                    discounted_reward = 0
                discounted_reward = reward + (self.gamma * discounted_reward)
                rewards.insert(0, discounted_reward)
            rewards = torch.tensor(rewards, dtype=torch.float)
            rewards_all_env.append((rewards - rewards.mean()) / (rewards.std() + 1e-8))
        rewards_all_env = torch.stack(rewards_all_env, 0)
        g_pool_step = g_pool_cal(configs.batch_size, configs.n_j * configs.n_m, device)
        for _ in range(self.k_epochs):
            job_log_prob, mch_log_prob, val, job_entropy, mch_entropies = [], [], [], [], []
            for i in range(len(memories.fea_mb)):
                a_entropy, v, log_a, action_node, _, _, hx = self.policy_job(
                    x=memories.fea_mb[i], graph_pool=g_pool_step, adj=memories.adj_mb[i],
                    candidate=memories.candidate_mb[i], mask=memories.mask_mb[i], old_action=memories.action[i],
                )
                pi_mch, _ = self.policy_mch(action_node, hx, memories.mch_time[i])
                val.append(v)
                dist = Categorical(pi_mch)
                mch_log_prob.append(dist.log_prob(memories.mch[i]))
                mch_entropies.append(dist.entropy())
                job_entropy.append(a_entropy)
                job_log_prob.append(log_a)
            job_log_prob = torch.stack(job_log_prob, 0).permute(1, 0)
            job_log_old_prob = torch.stack(memories.job_logprobs, 0).permute(1, 0)
            mch_log_prob = torch.stack(mch_log_prob, 0).permute(1, 0)
            mch_log_old_prob = torch.stack(memories.mch_logprobs, 0).permute(1, 0)
            val = torch.stack(val, 0).squeeze(-1).permute(1, 0)
            job_entropy = torch.stack(job_entropy, 0).permute(1, 0)
            mch_entropies = torch.stack(mch_entropies, 0).permute(1, 0)
            job_loss_sum, mch_loss_sum = 0, 0
            for j in range(configs.batch_size):
                job_ratios = torch.exp(job_log_prob[j] - job_log_old_prob[j].detach())
                mch_ratios = torch.exp(mch_log_prob[j] - mch_log_old_prob[j].detach())
                advantages = adv_normalize(rewards_all_env[j] - val[j].detach())
                job_surr1 = job_ratios * advantages
                job_surr2 = torch.clamp(job_ratios, 1 - self.eps_clip, 1 + self.eps_clip) * advantages
                job_v_loss = self.MSE(val[j], rewards_all_env[j])
                job_loss_sum += -1 * torch.min(job_surr1, job_surr2) + 0.5 * job_v_loss - 0.01 * job_entropy[j]
                mch_surr1 = mch_ratios * advantages
                mch_surr2 = torch.clamp(mch_ratios, 1 - self.eps_clip, 1 + self.eps_clip) * advantages
                mch_loss_sum += -1 * torch.min(mch_surr1, mch_surr2) - 0.01 * mch_entropies[j] + 0.5 * job_v_loss

            # take gradient step: both backward passes before either optimizer steps
            self.job_optimizer.zero_grad()
            self.mch_optimizer.zero_grad()
            job_loss_sum.mean().backward(retain_graph=True)
            mch_loss_sum.mean().backward()
            self.job_optimizer.step()
            self.mch_optimizer.step()
            self.policy_old_job.load_state_dict(self.policy_job.state_dict())
            self.policy_old_mch.load_state_dict(self.policy_mch.state_dict())
            return job_loss_sum.mean().item(), mch_loss_sum.mean().item()
