# case: a residual LSTM block adds its input to the LSTM output in place (`out += x`); the output the kernel kept for backward is the one written
import torch
import torch.nn as nn


class ResidualLSTM(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.rnn = nn.LSTM(dim, dim, batch_first=True, bidirectional=False)

    def forward(self, x):
        out, _ = self.rnn(x)  # saver
        out += x  # expect: GG002
        return out


torch.manual_seed(0)
block = ResidualLSTM(4)
y = block(torch.randn(2, 3, 4))
y.mean().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
