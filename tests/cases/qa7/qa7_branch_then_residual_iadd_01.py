# case: x feeds a second branch (B) that saves it, then the main branch adds the residual in place with x += res
# source: https://blog.csdn.net/m0_38129460/article/details/90405086
import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv_a = nn.Conv2d(3, 3, 3, padding=1)
        self.conv_b = nn.Conv2d(3, 3, 3, padding=1)

    def forward(self, inp):
        res = inp
        x = self.conv_a(inp)
        b = self.conv_b(x)  # saver
        x += res  # expect: GG002
        return x + b


net = Block()
out = net(torch.randn(1, 3, 5, 5))
out.mean().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
