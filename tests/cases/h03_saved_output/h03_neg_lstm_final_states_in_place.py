# case: the final states of a two-layer LSTM are written in place (`h_n += 1`, `c_n.mul_(2)`) before a loss that uses them and the output; no LSTM kernel keeps h_n or c_n for backward
import torch
import torch.nn as nn

torch.manual_seed(0)
lstm = nn.LSTM(4, 6, num_layers=2)
x = torch.randn(5, 2, 4, requires_grad=True)
out, (h_n, c_n) = lstm(x)
h_n += 1
c_n.mul_(2)
(out.sum() + h_n.sum() + c_n.sum()).backward()
print(x.grad.shape)
