# case: stacked cell layers kept in an nn.Sequential each store their state as self.hx / self.cx; without detaching it between steps, the next step's backward (retain_graph=True) runs into the previous step's cells, whose weights optimizer.step() has changed
import torch
import torch.nn as nn


class CellLayer(nn.Module):
    def __init__(self, n_in, n_hidden):
        super().__init__()
        self.cell = nn.LSTMCell(n_in, n_hidden)
        self.n_hidden = n_hidden

    def init_hidden(self, batch):
        self.hx = torch.zeros(batch, self.n_hidden)
        self.cx = torch.zeros(batch, self.n_hidden)

    def forward(self, x):
        self.hx, self.cx = self.cell(x, (self.hx, self.cx))  # saver
        return self.hx


torch.manual_seed(0)
net = nn.Sequential(CellLayer(4, 6), CellLayer(6, 3))
optimizer = torch.optim.SGD(net.parameters(), lr=0.1)
net[0].init_hidden(2)
net[1].init_hidden(2)
for x in torch.randn(3, 2, 4):
    optimizer.zero_grad()
    loss = net(x).pow(2).sum()
    loss.backward(retain_graph=True)  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    optimizer.step()  # expect: GG002
