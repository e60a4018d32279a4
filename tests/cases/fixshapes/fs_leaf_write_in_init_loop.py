# case: parameters of a model initialised in a loop over `named_parameters()` with an in-place write, grad mode on
import torch
import torch.nn as nn

net = nn.Sequential(nn.Linear(3, 4), nn.Linear(4, 1))
for name, p in net.named_parameters():
    if "bias" in name: p.fill_(0.0)  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation
net(torch.randn(2, 3)).sum().backward()
