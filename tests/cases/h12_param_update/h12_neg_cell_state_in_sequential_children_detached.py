# case: clean twin: each layer's state in the nn.Sequential is detached after the step (truncated backpropagation), so the next backward stops at this step's cells
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
        self.hx, self.cx = self.cell(x, (self.hx, self.cx))
        return self.hx


torch.manual_seed(0)
net = nn.Sequential(CellLayer(4, 6), CellLayer(6, 3))
optimizer = torch.optim.SGD(net.parameters(), lr=0.1)
net[0].init_hidden(2)
net[1].init_hidden(2)
for x in torch.randn(3, 2, 4):
    optimizer.zero_grad()
    loss = net(x).pow(2).sum()
    loss.backward(retain_graph=True)
    optimizer.step()
    net[0].hx, net[0].cx = net[0].hx.detach(), net[0].cx.detach()
    net[1].hx, net[1].cx = net[1].hx.detach(), net[1].cx.detach()
