# case: clean twin of the carried state: the loop computes the state from the observation it keeps, each round, after the previous update
import torch
import torch.nn as nn

features = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 8))
policy = nn.Linear(8, 2)
opt = torch.optim.SGD([*features.parameters(), *policy.parameters()], lr=0.1)


def update(logp, reward):
    loss = -(logp * reward).sum()
    opt.zero_grad()
    loss.backward()
    opt.step()


torch.manual_seed(0)
obs = torch.randn(1, 4)
for step in range(3):
    state = features(obs)
    logp = policy(state).log_softmax(-1)[0, 0]
    obs = torch.randn(1, 4)
    update(logp, 1.0)
print("done")
