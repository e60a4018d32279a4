# case: clean twin: one critic and one optimizer per agent, built in a loop, and each agent's values kept in its own list (`[[] for _ in range(n_agents)]`); agent 1's backward reaches only its own critic, so agent 0's step changes nothing it saved
import torch
import torch.nn as nn

torch.manual_seed(0)
n_agents, steps = 2, 2
critics, optimizers = [], []
for _ in range(n_agents):
    critic = nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 1))
    critics.append(critic)
    optimizers.append(torch.optim.SGD(critic.parameters(), lr=0.1))
values = [[] for _ in range(n_agents)]
for i in range(n_agents):
    for t in range(steps):
        values[i].append(critics[i](torch.randn(1, 2)).squeeze())
for i in range(n_agents):
    loss = torch.stack(values[i]).pow(2).mean()
    optimizers[i].zero_grad()
    loss.backward(retain_graph=True)
    optimizers[i].step()
