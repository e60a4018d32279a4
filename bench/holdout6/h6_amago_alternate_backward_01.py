# source: https://github.com/UT-Austin-RPL/amago/pull/27
# case: the PR's "alternate backward" for a shared sequence model: the actor loss is backpropagated with `retain_graph=True`, the critics' gradients from it are zeroed, the critic loss is backpropagated through the same graph, and a single `optimizer.step()` follows
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class Agent(nn.Module):
    def __init__(self, obs_dim=4, act_dim=2, hidden=8):
        super().__init__()
        self.traj_encoder = nn.GRU(obs_dim, hidden, batch_first=True)
        self.actor = nn.Sequential(nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, act_dim), nn.Tanh())
        self.critics = nn.ModuleList([nn.Sequential(nn.Linear(hidden + act_dim, hidden), nn.ReLU(), nn.Linear(hidden, 1)) for _ in range(2)])

    def critic_values(self, s, a):
        return torch.stack([c(torch.cat([s, a], -1)) for c in self.critics]).min(0).values


def compute_losses(agent, obs, actions, targets):
    s, _ = agent.traj_encoder(obs)
    actor_loss = -agent.critic_values(s, agent.actor(s)).mean()
    critic_loss = sum(F.mse_loss(c(torch.cat([s, actions], -1)), targets) for c in agent.critics)
    return actor_loss, critic_loss


agent = Agent()
optimizer = torch.optim.AdamW(agent.parameters(), lr=1e-3)
for _ in range(2):
    obs, actions, targets = torch.randn(3, 5, 4), torch.rand(3, 5, 2) * 2 - 1, torch.randn(3, 5, 1)
    actor_loss, critic_loss = compute_losses(agent, obs, actions, targets)
    optimizer.zero_grad()
    actor_loss.backward(retain_graph=True)
    for p in agent.critics.parameters():
        p.grad = None
    critic_loss.backward()
    optimizer.step()
