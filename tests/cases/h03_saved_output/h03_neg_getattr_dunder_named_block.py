# case: blocks registered with `add_module(f"stage{i}", ...)` are fetched back in forward with `self.__getattr__(f"stage{i}")`; the last stage ends in a Sigmoid and the forward adds to its output out of place
import torch
import torch.nn as nn


class Stages(nn.Module):
    def __init__(self, widths):
        super().__init__()
        self.widths = widths
        for i, width in enumerate(widths):
            self.add_module(f"stage{i}", nn.Sequential(nn.Linear(width, width), nn.Sigmoid()))

    def forward(self, x):
        for i, _ in enumerate(self.widths):
            x = self.__getattr__(f"stage{i}")(x)
        x = x + 1
        return x


net = Stages((3, 3))
loss = net(torch.randn(2, 3)).sum()
loss.backward()
