# case: a generator pairs each parameter of the model with its EMA copy (`yield p, q` over zip(model.parameters(), ema.parameters())); the update writes the live parameters in place between the forward and the backward, so the second layer's weight, which its matmul saved, has changed
import copy

import torch
import torch.nn as nn


def param_pairs(model, ema):
    for p, q in zip(model.parameters(), ema.parameters()):
        yield p, q


torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 1))
ema = copy.deepcopy(model)
loss = model(torch.randn(2, 4)).sum()  # saver
with torch.no_grad():
    for p, q in param_pairs(model, ema):
        p.mul_(0.5).add_(q, alpha=0.5)  # expect: GG002
loss.backward()  # raises: RuntimeError: modified by an inplace operation
