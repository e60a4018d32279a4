# case: a generator collects layers with `yield from` over a sub-generator and a list, then yields nn.ReLU(inplace=True) after an nn.Sigmoid; `nn.Sequential(*layers())` runs them, so the ReLU overwrites the sigmoid's saved output
import torch
import torch.nn as nn


def stem(dim):
    yield nn.Linear(dim, dim)
    yield nn.Sigmoid()  # saver


def layers(dim):
    yield from stem(dim)
    yield from [nn.ReLU(inplace=True)]  # expect: GG002
    yield nn.Linear(dim, 1)


torch.manual_seed(0)
net = nn.Sequential(*layers(4))
net(torch.randn(2, 4)).sum().backward()  # raises: RuntimeError: modified by an inplace operation
