import torch
import torch.nn as nn

layer = nn.Linear(4, 4)
layer.weight.mul_(0.5)
layer.bias.zero_()
layer(torch.randn(2, 4)).sum().backward()
