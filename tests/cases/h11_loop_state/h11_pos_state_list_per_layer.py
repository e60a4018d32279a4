# case: a container keeps one state per layer in a list ([None] * len(layers) on the first batch, then the list of new states built by append); the training loop feeds it back without detaching, so the next backward reaches the previous batch's graph after optimizer.step() changed the weights it saved
import torch
import torch.nn as nn


class Cell(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.w = nn.Parameter(torch.randn(n, n) * 0.5)

    def forward(self, x, state=None):
        h = torch.zeros(x.shape[0], self.w.shape[0]) if state is None else state
        z = torch.sigmoid(h)
        h_new = x + z @ self.w.t()  # saver
        return z, h_new


class Stack(nn.Module):
    def __init__(self, *layers):
        super().__init__()
        self.layers = nn.ModuleList(layers[:-1])
        self.head = layers[-1]

    def forward(self, x, states=None):
        states = [None] * len(self.layers) if states is None else states
        new_states = []
        for layer, s in zip(self.layers, states):
            x, s = layer(x, s)
            new_states.append(s)
        return self.head(x), new_states


model = Stack(Cell(4), Cell(4), nn.Linear(4, 1))
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
states = None
for step in range(3):
    out, states = model(torch.randn(2, 4), states)
    loss = out.pow(2).mean()
    optimizer.zero_grad()
    loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    optimizer.step()  # expect: GG002
