# case: a GRU's output and final state and a bidirectional ReLU RNN's output are written in place before the loss; GRU and RNN layers keep neither their output nor h_n (only their weights and the state they were given)
import torch
import torch.nn as nn

torch.manual_seed(0)
gru = nn.GRU(4, 6, batch_first=True)
rnn = nn.RNN(6, 6, nonlinearity="relu", batch_first=True, bidirectional=True)
x = torch.randn(2, 5, 4, requires_grad=True)
out, h_n = gru(x)
out.masked_fill_(torch.zeros_like(out, dtype=torch.bool), 0.0)
h_n.mul_(2)
out2, _ = rnn(out)
out2[:, 0] = 0.0
torch.relu_(out2)
(out2.sum() + h_n.sum()).backward()
print(x.grad.shape)
