# case: a head builds its optional activation as `act() if act is not None else None` (a Sigmoid by default, which saves its output) and applies it when `self.act is not None`; the caller adds to the head's output in place
import torch
import torch.nn as nn


class Head(nn.Module):
    def __init__(self, act=nn.Sigmoid):
        super().__init__()
        self.fc = nn.Linear(3, 3)
        self.act = act() if act is not None else None

    def forward(self, x):
        x = self.fc(x)
        if self.act is not None:
            x = self.act(x)  # saver
        return x


head = Head()
y = head(torch.randn(2, 3))
y += 1  # expect: GG002
y.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
