# case: a stack built in a counted loop over range(len(channels) - 1) gives only the last block a sigmoid (if i >= len(channels) - 2); the head then applies relu in place to the stack's output, the sigmoid output that sigmoid saved
import torch
import torch.nn as nn
import torch.nn.functional as F


class Stack(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.blocks = nn.ModuleList()
        for i in range(len(channels) - 1):
            block = [nn.Linear(channels[i], channels[i + 1])]
            if i >= len(channels) - 2:
                block.append(nn.Sigmoid())
            self.blocks.append(nn.Sequential(*block))

    def forward(self, x):
        for block in self.blocks:
            x = block(x)  # saver
        return F.relu(x, inplace=True)  # expect: GG002


torch.manual_seed(0)
net = Stack([4, 8, 8, 2])
out = net(torch.randn(3, 4))
out.sum().backward()  # raises: RuntimeError: modified by an inplace operation
