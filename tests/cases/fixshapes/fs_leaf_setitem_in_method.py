# case: an indexed write into a parameter inside a method (initialising a bias slice) with grad mode on
import torch
import torch.nn as nn


class Gate(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 8)
        self.reset()

    def reset(self):
        self.fc.bias[4:] = 1.0  # forget-gate bias  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation

    def forward(self, x):
        return self.fc(x)


g = Gate()
g(torch.randn(2, 4)).sum().backward()
print(g.fc.bias.grad)
