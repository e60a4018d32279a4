# case: nn.Module RNN writes each hidden state into a preallocated output tensor it never reads back
import torch
import torch.nn as nn


class Elman(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.cell = nn.RNNCell(n, n)

    def forward(self, xs):
        steps, batch, n = xs.shape
        outputs = xs.new_zeros(steps, batch, n)
        h = xs.new_zeros(batch, n)
        for t in range(steps):
            h = self.cell(xs[t], h)
            outputs[t] = h
        return outputs


torch.manual_seed(0)
net = Elman(4)
net(torch.randn(5, 2, 4)).pow(2).mean().backward()
print("ok")
