# case: a residual block adds the identity in place (`out += identity`) to a sigmoid gate's output, which sigmoid saved
import torch
import torch.nn as nn


class Gate(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)

    def forward(self, x):
        identity = x
        out = torch.sigmoid(self.fc(x))  # saver
        out += identity  # expect: GG002
        return out


g = Gate()
g(torch.randn(2, 4)).sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(g.fc.weight.grad.shape)
