# case: `repeat` blocks (a constructor argument, 2 by default) are appended to a ModuleList in a loop; the forward keeps the first block output and adds the later blocks outputs to it out of place
import torch
import torch.nn as nn


class Repeated(nn.Module):
    def __init__(self, width, repeat=2):
        super().__init__()
        self.blocks = nn.ModuleList()
        for _ in range(repeat):
            self.blocks.append(nn.Sequential(nn.Linear(width, width), nn.ReLU()))

    def forward(self, x):
        for i, block in enumerate(self.blocks):
            x = block(x)
            if i == 0:
                total = x
            else:
                total = total + x
        return total


net = Repeated(3)
loss = net(torch.randn(2, 3)).sum()
loss.backward()
