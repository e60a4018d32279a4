# case: an nn.Sequential built from an OrderedDict of named layers ends in a Sigmoid (which saves its output); the caller doubles the result out of place
from collections import OrderedDict

import torch
import torch.nn as nn

net = nn.Sequential(OrderedDict([("fc", nn.Linear(3, 4)), ("out", nn.Linear(4, 3)), ("gate", nn.Sigmoid())]))
y = net(torch.randn(2, 3))
y = y * 2
y.sum().backward()
