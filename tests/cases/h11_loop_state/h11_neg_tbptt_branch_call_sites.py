# case: an LSTMCell stack kept in module attributes, called from two places (two sub-steps on the first round, one later), its state detached after every optimizer step; each backward stays inside its own round's graph (retain_graph=True kept)
import torch
import torch.nn as nn


class LayerLSTM(nn.Module):
    def __init__(self, input_size, hidden_size):
        super().__init__()
        self.LSTM = nn.LSTMCell(input_size, hidden_size)
        self.hidden_size = hidden_size

    def init_hidden(self, batch_size):
        self.hx = torch.zeros((batch_size, self.hidden_size))
        self.cx = torch.zeros((batch_size, self.hidden_size))

    def forward(self, x):
        self.hx, self.cx = self.LSTM(x, (self.hx, self.cx))
        return self.hx


torch.manual_seed(0)
net = nn.Sequential(LayerLSTM(3, 4), LayerLSTM(4, 4))
pre = nn.Linear(3, 3)
optimizer = torch.optim.Adam(list(net.parameters()) + list(pre.parameters()), lr=1e-4)
for layer in net:
    layer.init_hidden(2)
for j in range(3):
    if j < 1:
        for i in range(2):
            out = net(pre(torch.randn(2, 3)))
    else:
        out = net(pre(torch.randn(2, 3)))
    loss = out.sum()
    optimizer.zero_grad()
    loss.backward(retain_graph=True)
    optimizer.step()
    for rnn in net:
        rnn.hx, rnn.cx = rnn.hx.detach(), rnn.cx.detach()
