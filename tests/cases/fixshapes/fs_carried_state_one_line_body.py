# case: an RNN's hidden state carried across rounds with retain_graph=True and a step each round; the loop body starts with a one-line `if`
import torch
import torch.nn as nn

rnn = nn.GRU(3, 4)
opt = torch.optim.SGD(rnn.parameters(), lr=0.1)
h = torch.zeros(1, 2, 4)
for i in range(3):
    if i == 0: print("start")
    out, h = rnn(torch.randn(1, 2, 3), h)  # saver
    opt.zero_grad()
    out.sum().backward(retain_graph=True)  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    opt.step()  # expect: GG002
