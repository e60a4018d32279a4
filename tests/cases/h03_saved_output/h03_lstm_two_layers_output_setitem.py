# case: a two-layer, time-major LSTM whose first time step is overwritten in the output (`out[0] = 0`) before the loss; the last layer's output is kept by the CPU LSTM kernel whether or not the input requires grad
import torch
import torch.nn as nn

torch.manual_seed(0)
lstm = nn.LSTM(4, 6, num_layers=2, dropout=0.1)
x = torch.randn(5, 3, 4)
out, _ = lstm(x)  # saver
out[0] = 0.0  # expect: GG002
out.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
