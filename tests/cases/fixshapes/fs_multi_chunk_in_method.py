# case: a method writes in place into one of the chunks it split its input into, with a comment after the write
import torch
import torch.nn as nn


class Split(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 6)

    def forward(self, x):
        h = self.fc(x)
        a, b = h.chunk(2, dim=1)
        a.add_(1)  # shift the first half  # expect: GG003  # raises: RuntimeError: is a view and is being modified inplace
        return a * b


m = Split()
m(torch.randn(2, 4)).sum().backward()
print(m.fc.weight.grad.shape)
