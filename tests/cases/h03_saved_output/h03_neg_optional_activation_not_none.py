# case: a head builds its optional activation as `act() if act is not None else None` and applies it when `self.act is not None`; built with `act=None` the head ends in the Linear (which does not save its output), so the caller's in-place add is safe
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
            x = self.act(x)
        return x


head = Head(act=None)
y = head(torch.randn(2, 3))
y += 1
y.sum().backward()
