# case: a weight initialiser passed to `net.apply` writes each Linear's weight in place in a one-line `if`, with grad mode on
import torch
import torch.nn as nn


def init_weights(m):
    if isinstance(m, nn.Linear): m.weight.normal_(0.0, 0.02)  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation


net = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 1))
net.apply(init_weights)
net(torch.randn(2, 3)).sum().backward()
