# case: the initial hidden state given to an RNN is modified in place before the backward: the RNN kept it
import torch
import torch.nn as nn

torch.manual_seed(0)
rnn = nn.RNN(2, 3)
h0 = torch.zeros(1, 1, 3)
out, h = rnn(torch.randn(4, 1, 2), h0)  # saver
h0.add_(1.0)  # expect: GG002
out.sum().backward()  # raises: RuntimeError: modified by an inplace operation
