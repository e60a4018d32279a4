# case: a generator collects layers with `yield from` over a sub-generator and a list; nn.ReLU(inplace=True) follows a linear layer (which saves its input, not its output): safe
import torch
import torch.nn as nn


def stem(dim):
    yield nn.Sigmoid()
    yield nn.Linear(dim, dim)


def layers(dim):
    yield from stem(dim)
    yield from [nn.ReLU(inplace=True)]
    yield nn.Linear(dim, 1)


torch.manual_seed(0)
net = nn.Sequential(*layers(4))
net(torch.randn(2, 4)).sum().backward()
