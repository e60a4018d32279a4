# case: the usual fix: the carried hidden state is detached each iteration (truncated BPTT), runs
import torch
import torch.nn as nn

lstm = nn.LSTM(3, 4)
opt = torch.optim.SGD(lstm.parameters(), lr=0.1)
h = (torch.zeros(1, 2, 4), torch.zeros(1, 2, 4))
for step in range(2):
    x = torch.randn(1, 2, 3)
    h = tuple(t.detach() for t in h)
    o, h = lstm(x, h)
    loss = o.sum()
    opt.zero_grad()
    loss.backward()
    opt.step()
