# case: a layer built through a class factory called in one chain (`change_default_args(bias=False)(nn.Linear)(4, 4)`: a function returning a wrapper that defines a subclass of the layer class it is given); the block multiplies a mask into the ReLU output in place, and ReLU saved that output for backward
import torch
from torch import nn
from torch.nn import functional as F


def change_default_args(**kwargs):
    def layer_wrapper(layer_class):
        class DefaultArgLayer(layer_class):
            def __init__(self, *args, **kw):
                super().__init__(*args, **kw)

        return DefaultArgLayer

    return layer_wrapper


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = change_default_args(bias=False)(nn.Linear)(4, 4)

    def forward(self, x, mask):
        x = F.relu(self.linear(x))  # saver
        x *= mask  # expect: GG002
        return x


b = Block()
out = b(torch.randn(2, 4), torch.ones(2, 4))
out.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
