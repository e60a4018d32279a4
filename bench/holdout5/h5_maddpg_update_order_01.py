# source: https://github.com/shariqiqbal2810/maddpg-pytorch/issues/43
# case: MADDPG.update as the thread questions it: the critic is stepped first, then the policy loss is built by a fresh forward through the (updated) critic; `pol_loss += (curr_pol_out**2).mean() * 1e-3` adds to a mean output
import torch
import torch.nn as nn
from torch.nn import MSELoss

MSELoss = MSELoss()


class Agent:
    def __init__(self, obs_dim, act_dim, vf_dim):
        self.policy = nn.Sequential(nn.Linear(obs_dim, 16), nn.ReLU(), nn.Linear(16, act_dim))
        self.target_policy = nn.Sequential(nn.Linear(obs_dim, 16), nn.ReLU(), nn.Linear(16, act_dim))
        self.critic = nn.Sequential(nn.Linear(vf_dim, 16), nn.ReLU(), nn.Linear(16, 1))
        self.target_critic = nn.Sequential(nn.Linear(vf_dim, 16), nn.ReLU(), nn.Linear(16, 1))
        self.policy_optimizer = torch.optim.Adam(self.policy.parameters(), lr=0.01)
        self.critic_optimizer = torch.optim.Adam(self.critic.parameters(), lr=0.01)


class MADDPG:
    def __init__(self, nagents=2, obs_dim=4, act_dim=2, gamma=0.95):
        vf_dim = nagents * (obs_dim + act_dim)
        self.agents = [Agent(obs_dim, act_dim, vf_dim) for _ in range(nagents)]
        self.gamma = gamma

    @property
    def target_policies(self):
        return [a.target_policy for a in self.agents]

    def update(self, sample, agent_i):
        obs, acs, rews, next_obs, dones = sample
        curr_agent = self.agents[agent_i]

        curr_agent.critic_optimizer.zero_grad()
        all_trgt_acs = [torch.tanh(pi(nobs)) for pi, nobs in zip(self.target_policies, next_obs)]
        trgt_vf_in = torch.cat((*next_obs, *all_trgt_acs), dim=1)
        target_value = (rews[agent_i].view(-1, 1) + self.gamma *
                        curr_agent.target_critic(trgt_vf_in) *
                        (1 - dones[agent_i].view(-1, 1)))
        vf_in = torch.cat((*obs, *acs), dim=1)
        actual_value = curr_agent.critic(vf_in)
        vf_loss = MSELoss(actual_value, target_value.detach())
        vf_loss.backward()
        torch.nn.utils.clip_grad_norm_(curr_agent.critic.parameters(), 0.5)
        curr_agent.critic_optimizer.step()

        curr_agent.policy_optimizer.zero_grad()
        curr_pol_out = curr_agent.policy(obs[agent_i])
        curr_pol_vf_in = torch.tanh(curr_pol_out)
        all_pol_acs = []
        for i, ob in zip(range(len(self.agents)), obs):
            if i == agent_i:
                all_pol_acs.append(curr_pol_vf_in)
            else:
                all_pol_acs.append(torch.tanh(self.agents[i].policy(ob)).detach())
        vf_in = torch.cat((*obs, *all_pol_acs), dim=1)
        pol_loss = -curr_agent.critic(vf_in).mean()
        pol_loss += (curr_pol_out**2).mean() * 1e-3
        pol_loss.backward()
        torch.nn.utils.clip_grad_norm_(curr_agent.policy.parameters(), 0.5)
        curr_agent.policy_optimizer.step()
        return vf_loss.item(), pol_loss.item()


maddpg = MADDPG()
B = 8
sample = ([torch.randn(B, 4) for _ in range(2)], [torch.randn(B, 2) for _ in range(2)],
          [torch.randn(B) for _ in range(2)], [torch.randn(B, 4) for _ in range(2)], [torch.zeros(B) for _ in range(2)])
for a_i in range(2):
    print(maddpg.update(sample, a_i))
