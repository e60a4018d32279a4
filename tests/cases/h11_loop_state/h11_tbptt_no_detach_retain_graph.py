# case: the same loop without the detach: the second batch's backward runs back into the first batch's LSTMCell steps, whose saved weights the optimizer step changed
import torch
import torch.nn as nn

torch.manual_seed(0)
cell = nn.LSTMCell(3, 4)
opt = torch.optim.SGD(cell.parameters(), lr=0.1)
h = torch.zeros(2, 4)
c = torch.zeros(2, 4)
for b in range(3):
    for t in range(4):
        h, c = cell(torch.randn(2, 3), (h, c))  # saver
    loss = h.sum()
    opt.zero_grad()
    loss.backward(retain_graph=True)  # raises: RuntimeError: modified by an inplace operation
    opt.step()  # expect: GG002
