# case: truncated BPTT with an LSTMCell: the carried (h, c) is detached after each optimizer step, and retain_graph=True keeps each graph; every backward stays inside its own batch's graph, so the steps never touch what a later backward needs
import torch
import torch.nn as nn

torch.manual_seed(0)
cell = nn.LSTMCell(3, 4)
opt = torch.optim.SGD(cell.parameters(), lr=0.1)
h = torch.zeros(2, 4)
c = torch.zeros(2, 4)
for b in range(3):
    for t in range(4):
        h, c = cell(torch.randn(2, 3), (h, c))
    loss = h.sum()
    opt.zero_grad()
    loss.backward(retain_graph=True)
    opt.step()
    h, c = h.detach(), c.detach()
