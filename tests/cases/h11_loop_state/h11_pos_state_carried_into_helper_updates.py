# case: a training loop keeps `state = features(obs)` from one round to the next and computes the policy's log-probability from it; the update helper (backward, step) runs between the two rounds and changes the features' weights the old state's graph saved
import torch
import torch.nn as nn

features = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 8))
policy = nn.Linear(8, 2)
opt = torch.optim.SGD([*features.parameters(), *policy.parameters()], lr=0.1)


def update(logp, reward):
    loss = -(logp * reward).sum()
    opt.zero_grad()
    loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    opt.step()  # expect: GG002


torch.manual_seed(0)
state = features(torch.randn(1, 4))
for step in range(3):
    logp = policy(state).log_softmax(-1)[0, 0]
    state = features(torch.randn(1, 4))  # saver
    update(logp, 1.0)
print("done")
