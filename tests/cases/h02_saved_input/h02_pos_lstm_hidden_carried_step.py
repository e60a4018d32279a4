# case: LSTM hidden state carried across iterations without detach, backward with retain_graph then an optimizer step: the next backward reaches the first graph, whose saved weights the step changed
import torch
import torch.nn as nn

lstm = nn.LSTM(3, 4)
opt = torch.optim.SGD(lstm.parameters(), lr=0.1)
h = (torch.zeros(1, 2, 4), torch.zeros(1, 2, 4))
for step in range(2):
    x = torch.randn(1, 2, 3)
    o, h = lstm(x, h)  # saver
    loss = o.sum()
    opt.zero_grad()
    loss.backward(retain_graph=True)  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    opt.step()  # expect: GG002
