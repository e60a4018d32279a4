# case: GRU keeps its input weight for backward when its input requires grad (verified on torch 2.13 CPU)
import torch
import torch.nn as nn

gru = nn.GRU(2, 3)
x = torch.randn(1, 1, 2, requires_grad=True)
out, h = gru(x, torch.zeros(1, 1, 3))  # saver
with torch.no_grad():
    gru.weight_ih_l0.mul_(0.5)  # expect: GG002
out.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
