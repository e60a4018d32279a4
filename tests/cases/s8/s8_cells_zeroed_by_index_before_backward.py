# case: a stack of two different cells (a linear one, a tanh one) is reset by a counted loop over range(len(self.cells)) that zeroes each cell's state in place; it runs between the forward and the backward, and the tanh cell's state is the output tanh saved
import torch
import torch.nn as nn


class LinearCell(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.fc = nn.Linear(n, n)
        self.h = torch.zeros(2, n)

    def forward(self, x):
        self.h = self.fc(x) + self.h
        return self.h


class TanhCell(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.fc = nn.Linear(n, n)
        self.h = torch.zeros(2, n)

    def forward(self, x):
        self.h = torch.tanh(self.fc(x) + self.h)
        return self.h


class Stack(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.cells = nn.ModuleList([LinearCell(n), TanhCell(n)])

    def clear_states(self):
        for i in range(len(self.cells)):
            self.cells[i].h.zero_()  # expect: GG002

    def forward(self, x):
        for cell in self.cells:
            x = cell(x)
        return x


torch.manual_seed(0)
model = Stack(4)
loss = model(torch.randn(2, 4)).pow(2).mean()  # saver
model.clear_states()
loss.backward()  # raises: RuntimeError: modified by an inplace operation
