# case: an nn.Sequential built from an OrderedDict of named layers ends in a Sigmoid (which saves its output); the caller doubles the result in place
from collections import OrderedDict

import torch
import torch.nn as nn

net = nn.Sequential(OrderedDict([("fc", nn.Linear(3, 4)), ("out", nn.Linear(4, 3)), ("gate", nn.Sigmoid())]))
y = net(torch.randn(2, 3))  # saver
y.mul_(2)  # expect: GG002
y.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
