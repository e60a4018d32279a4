# case: nn.Module RNN cell loop masks the tanh hidden state in place (h.mul_(m)): TanhBackward saved h
import torch
import torch.nn as nn


class MaskedRNN(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.inp = nn.Linear(n, n)
        self.rec = nn.Linear(n, n, bias=False)

    def forward(self, xs, masks):
        h = torch.zeros(xs.shape[1], xs.shape[2])
        for x_t, m_t in zip(xs, masks):
            h = torch.tanh(self.inp(x_t) + self.rec(h))  # saver
            h.mul_(m_t)  # expect: GG002
        return h


torch.manual_seed(0)
rnn = MaskedRNN(4)
xs = torch.randn(3, 2, 4)
masks = torch.ones(3, 2, 1)
rnn(xs, masks).sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
