# case: self.act = nn.ReLU(inplace=True) applied in forward to a tanh output
import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)
        self.act = nn.ReLU(inplace=True)

    def forward(self, x):
        h = torch.tanh(self.fc(x))  # saver
        return self.act(h)  # expect: GG002


net = Block()
out = net(torch.randn(2, 4))
out.sum().backward()  # raises: RuntimeError: modified by an inplace operation
