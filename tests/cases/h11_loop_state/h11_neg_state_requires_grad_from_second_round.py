# case: a state carried across batches starts as zeros and is detached each round, so no batch backpropagates into the previous round graph that saved `w_rec` before the optimizer step changed it
import torch
import torch.nn as nn

torch.manual_seed(0)
w_in = nn.Parameter(torch.randn(3, 3))
w_rec = nn.Parameter(torch.randn(3, 3))
w_out = nn.Parameter(torch.randn(3, 1))
optimizer = torch.optim.SGD([w_in, w_rec, w_out], lr=0.01)
state = torch.zeros(2, 3)
for step in range(3):
    x = torch.randn(2, 3)
    out = torch.sigmoid(state)
    loss = (out @ w_out).pow(2).sum()
    state = (x @ w_in + out @ w_rec).detach()
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
