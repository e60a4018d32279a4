# case: two LSTM cells keep their state in module attributes; each batch a counted loop over range(len(self.cells)) gives every cell, picked by its index, a fresh zero state, and each step's state is detached after the optimizer step, so no backward (retain_graph=True) reaches a graph a step changed
import torch
import torch.nn as nn


class Cell(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.cell = nn.LSTMCell(n, n)
        self.n = n

    def reset(self, batch):
        self.h = torch.zeros(batch, self.n)
        self.c = torch.zeros(batch, self.n)

    def forward(self, x):
        self.h, self.c = self.cell(x, (self.h, self.c))
        return self.h


class Stack(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.cells = nn.Sequential(Cell(n), Cell(n))

    def reset(self, batch):
        for i in range(len(self.cells)):
            self.cells[i].reset(batch)

    def forward(self, x):
        return self.cells(x)


torch.manual_seed(0)
model = Stack(4)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
for batch in [torch.randn(2, 3, 4), torch.randn(2, 3, 4)]:
    model.reset(batch.size(0))
    for t in range(batch.size(1)):
        loss = model(batch[:, t]).pow(2).mean()
        opt.zero_grad()
        loss.backward(retain_graph=True)
        opt.step()
        for cell in model.cells:
            cell.h, cell.c = cell.h.detach(), cell.c.detach()
