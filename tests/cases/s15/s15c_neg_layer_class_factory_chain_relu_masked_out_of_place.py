# case: the same factory-built layer; the block multiplies the mask into the ReLU output out of place, so the saved output is left as it was
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
        x = F.relu(self.linear(x))
        x = x * mask
        return x


b = Block()
out = b(torch.randn(2, 4), torch.ones(2, 4))
out.sum().backward()
