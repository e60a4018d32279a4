# case: the same write to GRU's input weight when the input does not require grad: nothing kept it, runs
import torch
import torch.nn as nn

gru = nn.GRU(2, 3)
x = torch.randn(1, 1, 2)
out, h = gru(x, torch.zeros(1, 1, 3))
with torch.no_grad():
    gru.weight_ih_l0.mul_(0.5)
out.sum().backward()
