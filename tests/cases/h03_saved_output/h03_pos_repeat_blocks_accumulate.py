# case: `repeat` blocks (a constructor argument, 2 by default) are appended to a ModuleList in a loop; the forward keeps the first block's output (a ReLU output, which ReLU saved) and adds the later blocks' outputs into it in place
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
            x = block(x)  # saver
            if i == 0:
                total = x
            else:
                total += x  # expect: GG002
        return total


net = Repeated(3)
loss = net(torch.randn(2, 3)).sum()
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
