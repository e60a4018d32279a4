# case: the new states of a GRUCell (h') and an LSTMCell (h', c') are scaled in place before the loss; unlike RNNCell, these cells keep none of the states they return
import torch
import torch.nn as nn

torch.manual_seed(0)
gru = nn.GRUCell(4, 6)
lstm = nn.LSTMCell(6, 6)
x = torch.randn(3, 4, requires_grad=True)
h = gru(x)
h.mul_(0.5)
h2, c2 = lstm(h)
h2.add_(1.0)
c2.mul_(2.0)
(h2.sum() + c2.sum()).backward()
print(x.grad.shape)
