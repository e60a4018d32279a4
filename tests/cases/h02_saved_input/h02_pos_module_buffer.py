# case: a module multiplies by a registered buffer; the buffer is annealed in place before backward
import torch
import torch.nn as nn


class Scaled(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(3, 3)
        self.register_buffer("scale", torch.ones(3))

    def forward(self, x):
        return self.lin(x) * self.scale  # saver


m = Scaled()
loss = m(torch.randn(2, 3)).sum()
m.scale.mul_(0.5)  # expect: GG002
loss.backward()  # raises: RuntimeError: modified by an inplace operation
