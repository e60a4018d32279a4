# case: an nn.Sequential built from an OrderedDict of (name, layer) pairs collected in a list ends in a Sigmoid (which saves its output); the caller doubles the result out of place
from collections import OrderedDict

import torch
import torch.nn as nn

pairs = []
for index, (n_in, n_out) in enumerate(((3, 4), (4, 3))):
    pairs.append((f"fc{index}", nn.Linear(n_in, n_out)))
pairs.append(("gate", nn.Sigmoid()))
net = nn.Sequential(OrderedDict(pairs))
y = net(torch.randn(2, 3))
y = y * 2
y.sum().backward()
