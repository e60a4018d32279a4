# case: an optimizer step between a GRU's forward and the backward through it: the GRU kept its recurrent weight for backward
import torch
import torch.nn as nn

torch.manual_seed(0)
gru = nn.GRU(2, 3)
opt = torch.optim.SGD(gru.parameters(), lr=0.1)
x = torch.randn(4, 1, 2)
out, h = gru(x, torch.zeros(1, 1, 3))  # saver
out.sum().backward(retain_graph=True)
opt.step()  # expect: GG002
out.pow(2).sum().backward()  # raises: RuntimeError: modified by an inplace operation
