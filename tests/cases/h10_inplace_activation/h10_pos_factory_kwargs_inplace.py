# case: a factory builds a layer from a class and keyword options (`make(nn.ReLU, inplace=True)` passes `**options` on); the in-place ReLU then runs on a sigmoid's output, which the sigmoid saved
import torch
import torch.nn as nn


def make(kind, **options):
    return kind(**options)


act = make(nn.ReLU, inplace=True)
x = torch.randn(4, requires_grad=True)
h = torch.sigmoid(x)  # saver
y = act(h)  # expect: GG002
y.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
