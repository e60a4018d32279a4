# case: a forget-gate bias set on a chunk of an LSTM parameter fetched with getattr and a computed name, outside no_grad
import torch
import torch.nn as nn

rnn = nn.LSTM(4, 3, num_layers=2)
for i in range(rnn.num_layers):
    getattr(rnn, f"bias_hh_l{i}").chunk(4)[1].fill_(1.0)  # expect: GG003  # raises: RuntimeError: is a view and is being modified inplace
