# case: a one-step RNN with an h0 that does not require grad does not keep its recurrent weight (runs); the analysis cannot see the sequence length, so it warns
import torch
import torch.nn as nn

rnn = nn.RNN(2, 3)
out, h = rnn(torch.randn(1, 1, 2), torch.zeros(1, 1, 3))
with torch.no_grad():
    rnn.weight_hh_l0.mul_(0.5)  # expect: GG002
out.sum().backward()
