# case: the same forget-gate bias update under torch.no_grad() runs cleanly
import torch
import torch.nn as nn

rnn = nn.LSTM(4, 3, num_layers=2)
with torch.no_grad():
    for i in range(rnn.num_layers):
        getattr(rnn, f"bias_hh_l{i}").chunk(4)[1].fill_(1.0)
out, _ = rnn(torch.randn(5, 2, 4))
out.sum().backward()
