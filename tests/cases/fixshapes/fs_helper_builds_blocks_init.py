# case: `__init__` builds its blocks with a helper called in a list comprehension; each block ends in `nn.ELU(inplace=True)` after a sigmoid
import torch
import torch.nn as nn


def make_block(width):
    return nn.Sequential(nn.Linear(width, width), nn.Sigmoid(), nn.ELU(inplace=True))  # expect: GG002  # saver


class Stack(nn.Module):
    def __init__(self, width, depth):
        super().__init__()
        self.blocks = nn.Sequential(*[make_block(width) for _ in range(depth)])

    def forward(self, x):
        return self.blocks(x)


s = Stack(4, 2)
s(torch.randn(3, 4)).sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(s.blocks[0][0].weight.grad.shape)
