# case: a state carried across batches starts as zeros, so only from the second round on does it require grad; from then on `out @ w_rec` saves `w_rec`, the optimizer step changes it, and the next batch's backward runs into the previous round's graph
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
    state = x @ w_in + out @ w_rec  # saver
    optimizer.zero_grad()
    loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    optimizer.step()  # expect: GG002
