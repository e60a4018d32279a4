# case: a factory builds a layer from a class and keyword options (`make(nn.ReLU, inplace=False)` passes `**options` on); the ReLU runs out of place on a sigmoid output
import torch
import torch.nn as nn


def make(kind, **options):
    return kind(**options)


act = make(nn.ReLU, inplace=False)
x = torch.randn(4, requires_grad=True)
h = torch.sigmoid(x)
y = act(h)
y.sum().backward()
