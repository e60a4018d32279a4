# case: a container takes its layers as `*layers` and runs them in order; the last is a Sigmoid (which saves its output) and the container adds to its result in place
import torch
import torch.nn as nn


class Chain(nn.Module):
    def __init__(self, *layers):
        super().__init__()
        self.body = nn.ModuleList(layers)

    def forward(self, x):
        for layer in self.body:
            x = layer(x)  # saver
        x += 1  # expect: GG002
        return x


net = Chain(nn.Linear(3, 3), nn.Sigmoid())
loss = net(torch.randn(2, 3)).sum()
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
