import torch
import torch.nn as nn


class Swish(nn.Module):
    def forward(self, x):
        return x * torch.sigmoid(x)


# one activation table for the whole detector; in-place where the op allows it, to save memory
ACTIVATIONS = {
    "relu": lambda: nn.ReLU(inplace=True),
    "leaky": lambda: nn.LeakyReLU(0.1, inplace=True),
    "swish": Swish,
}


def get_activation(name):
    return ACTIVATIONS[name]()
