# case: the same wrapper without detaching the layers' state: the next step's backward reaches the previous step's LSTMCell graph, whose saved weights the optimizer step changed
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
        self.hx, self.cx = self.LSTM(x, (self.hx, self.cx))  # saver
        return self.hx


torch.manual_seed(0)
net = nn.Sequential(LayerLSTM(3, 4), LayerLSTM(4, 4))
pre = nn.Linear(3, 3)
optimizer = torch.optim.Adam(list(net.parameters()) + list(pre.parameters()), lr=1e-4)
for layer in net:
    layer.init_hidden(2)
for j in range(3):
    for i in range(2):
        out = net(pre(torch.randn(2, 3)))
    loss = out.sum()
    optimizer.zero_grad()
    loss.backward(retain_graph=True)  # raises: RuntimeError: modified by an inplace operation
    optimizer.step()  # expect: GG002
