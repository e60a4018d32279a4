# case: the same module with the carried state detached after each step (truncated BPTT): runs
import torch
import torch.nn as nn


class Recurrent(nn.Module):
    def __init__(self):
        super().__init__()
        self.cell = nn.LSTMCell(4, 4)
        self.hx = torch.zeros(2, 4)
        self.cx = torch.zeros(2, 4)

    def forward(self, x):
        self.hx, self.cx = self.cell(x, (self.hx, self.cx))
        return self.hx


net = Recurrent()
opt = torch.optim.SGD(net.parameters(), lr=0.1)
for step in range(3):
    loss = net(torch.randn(2, 4)).sum()
    opt.zero_grad()
    loss.backward(retain_graph=True)
    opt.step()
    net.hx, net.cx = net.hx.detach(), net.cx.detach()
