# case: the LSTM's (h, c) is carried into the next step without detach and backward keeps the graph (retain_graph=True); the next backward runs through the previous step's LSTM, whose weights optimizer.step() has changed since
import torch
import torch.nn as nn

torch.manual_seed(0)
lstm = nn.LSTM(6, 8, 1, batch_first=True)
optimizer = torch.optim.SGD(lstm.parameters(), lr=0.1)
h0 = torch.zeros(1, 2, 8)
c0 = torch.zeros(1, 2, 8)
for step in range(3):
    x = torch.randn(2, 5, 6)
    optimizer.zero_grad()
    out, (h0, c0) = lstm(x, (h0, c0))  # saver
    loss = out.pow(2).mean()
    loss.backward(retain_graph=True)  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    optimizer.step()  # expect: GG002
