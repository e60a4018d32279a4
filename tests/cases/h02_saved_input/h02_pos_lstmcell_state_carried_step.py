# case: a module keeps its LSTMCell state as attributes across steps; each step backpropagates with retain_graph and steps the optimizer, so the next backward reaches the previous cell call, whose recurrent weight (kept because h required grad) the step changed
import torch
import torch.nn as nn


class Recurrent(nn.Module):
    def __init__(self):
        super().__init__()
        self.cell = nn.LSTMCell(4, 4)
        self.hx = torch.zeros(2, 4)
        self.cx = torch.zeros(2, 4)

    def forward(self, x):
        self.hx, self.cx = self.cell(x, (self.hx, self.cx))  # saver
        return self.hx


net = Recurrent()
opt = torch.optim.SGD(net.parameters(), lr=0.1)
for step in range(3):
    loss = net(torch.randn(2, 4)).sum()
    opt.zero_grad()
    loss.backward(retain_graph=True)  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    opt.step()  # expect: GG002
