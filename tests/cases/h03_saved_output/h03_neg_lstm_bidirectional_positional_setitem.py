# case: a two-layer LSTM made bidirectional by its seventh positional argument; writing its output in place (`out[:, 0] = 0`) is harmless, that kernel keeps no output
import torch
import torch.nn as nn

torch.manual_seed(0)
lstm = nn.LSTM(4, 6, 2, True, True, 0.0, True)
x = torch.randn(2, 5, 4)
out, (h, c) = lstm(x)
out[:, 0] = 0.0
out.sum().backward()
print(lstm.weight_ih_l0.grad.shape)
