# case: one critic and one optimizer per agent, built in a loop; every agent's values go into one shared buffer (`values[i, t] = v`), which chains all critics' graphs, so agent 1's backward runs back through agent 0's critic, whose weights agent 0's step changed
import torch
import torch.nn as nn

torch.manual_seed(0)
n_agents, steps = 2, 2
critics, optimizers = [], []
for _ in range(n_agents):
    critic = nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 1))  # saver
    critics.append(critic)
    optimizers.append(torch.optim.SGD(critic.parameters(), lr=0.1))
values = torch.zeros(n_agents, steps)
for i in range(n_agents):
    for t in range(steps):
        values[i, t] = critics[i](torch.randn(1, 2)).squeeze()
for i in range(n_agents):
    loss = values[i].pow(2).mean()
    optimizers[i].zero_grad()
    loss.backward(retain_graph=True)  # raises: RuntimeError: modified by an inplace operation
    optimizers[i].step()  # expect: GG002
