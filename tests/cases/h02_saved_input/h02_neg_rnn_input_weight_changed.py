# case: an RNN whose input does not require grad keeps only its recurrent weight: changing the input weight before the backward is fine
import torch
import torch.nn as nn

torch.manual_seed(0)
rnn = nn.RNN(2, 3)
x = torch.randn(4, 1, 2)
out, h = rnn(x)
with torch.no_grad():
    rnn.weight_ih_l0.mul_(0.5)
out.sum().backward()
