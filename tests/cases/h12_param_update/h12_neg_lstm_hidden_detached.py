# case: the same loop with the carried state detached each step (truncated backprop through time): every backward stays inside its own step
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
    out, (h0, c0) = lstm(x, (h0, c0))
    h0, c0 = h0.detach(), c0.detach()
    loss = out.pow(2).mean()
    loss.backward()
    optimizer.step()
print(loss.item())
