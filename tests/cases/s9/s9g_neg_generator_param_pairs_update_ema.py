# case: a generator pairs each parameter of the model with its EMA copy (`yield p, q` over zip(model.parameters(), ema.parameters())); the update writes the EMA copies in place (the live parameters, which the forward saved, are only read), so the backward after it runs
import copy

import torch
import torch.nn as nn


def param_pairs(model, ema):
    for p, q in zip(model.parameters(), ema.parameters()):
        yield p, q


torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 1))
ema = copy.deepcopy(model)
loss = model(torch.randn(2, 4)).sum()
with torch.no_grad():
    for p, q in param_pairs(model, ema):
        q.mul_(0.5).add_(p, alpha=0.5)
loss.backward()
