# source: https://github.com/MrSyee/pg-is-all-you-need/issues/30
# case: SACAgent.update_model computes the actor loss through both Q-networks, then trains the Q-functions (backward and `step()` each) before the actor loss is backpropagated
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


def mlp(in_dim, out_dim):
    return nn.Sequential(nn.Linear(in_dim, 16), nn.ReLU(), nn.Linear(16, out_dim))


class Actor(nn.Module):
    def __init__(self, obs_dim, act_dim):
        super().__init__()
        self.net = mlp(obs_dim, 2 * act_dim)

    def forward(self, state):
        mu, log_std = self.net(state).chunk(2, dim=-1)
        dist = torch.distributions.Normal(mu, log_std.clamp(-5, 2).exp())
        z = dist.rsample()
        action = torch.tanh(z)
        log_prob = (dist.log_prob(z) - torch.log(1 - action.pow(2) + 1e-7)).sum(-1, keepdim=True)
        return action, log_prob


class CriticQ(nn.Module):
    def __init__(self, in_dim):
        super().__init__()
        self.net = mlp(in_dim, 1)

    def forward(self, state, action):
        return self.net(torch.cat((state, action), dim=-1))


class SACAgent:
    def __init__(self, obs_dim=3, act_dim=1, gamma=0.99):
        self.gamma = gamma
        self.actor = Actor(obs_dim, act_dim)
        self.vf, self.vf_target = mlp(obs_dim, 1), mlp(obs_dim, 1)
        self.qf_1, self.qf_2 = CriticQ(obs_dim + act_dim), CriticQ(obs_dim + act_dim)
        self.actor_optimizer = torch.optim.Adam(self.actor.parameters(), lr=3e-4)
        self.vf_optimizer = torch.optim.Adam(self.vf.parameters(), lr=3e-4)
        self.qf_1_optimizer = torch.optim.Adam(self.qf_1.parameters(), lr=3e-4)
        self.qf_2_optimizer = torch.optim.Adam(self.qf_2.parameters(), lr=3e-4)
        self.alpha = 0.2

    def update_model(self, state, action, reward, next_state, done):
        new_action, log_prob = self.actor(state)
        mask = 1 - done
        q_1_pred = self.qf_1(state, action)
        q_2_pred = self.qf_2(state, action)
        v_target = self.vf_target(next_state)
        q_target = reward + self.gamma * v_target * mask
        qf_1_loss = F.mse_loss(q_1_pred, q_target.detach())
        qf_2_loss = F.mse_loss(q_2_pred, q_target.detach())

        v_pred = self.vf(state)
        q_pred = torch.min(self.qf_1(state, new_action), self.qf_2(state, new_action))
        v_target = q_pred - self.alpha * log_prob
        vf_loss = F.mse_loss(v_pred, v_target.detach())
        advantage = q_pred - v_pred.detach()
        actor_loss = (self.alpha * log_prob - advantage).mean()

        self.qf_1_optimizer.zero_grad()
        qf_1_loss.backward()
        self.qf_1_optimizer.step()  # expect: GG002
        self.qf_2_optimizer.zero_grad()
        qf_2_loss.backward()
        self.qf_2_optimizer.step()  # expect: GG002

        self.actor_optimizer.zero_grad()
        actor_loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
        self.actor_optimizer.step()

        self.vf_optimizer.zero_grad()
        vf_loss.backward()
        self.vf_optimizer.step()
        return actor_loss.item(), qf_1_loss.item() + qf_2_loss.item(), vf_loss.item()


agent = SACAgent()
batch = (torch.randn(8, 3), torch.rand(8, 1) * 2 - 1, torch.randn(8, 1), torch.randn(8, 3), torch.zeros(8, 1))
agent.update_model(*batch)
