# case: with an h0 that requires grad, even a one-step RNN keeps its recurrent weight: writing it before backward raises
import torch
import torch.nn as nn

rnn = nn.RNN(2, 3)
h0 = torch.zeros(1, 1, 3, requires_grad=True)
out, h = rnn(torch.randn(1, 1, 2), h0)  # saver
with torch.no_grad():
    rnn.weight_hh_l0.mul_(0.5)  # expect: GG002
out.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
