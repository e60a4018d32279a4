import torch.nn as nn

LAYERS = {
    "conv": lambda: nn.Conv2d(1, 1, 2, stride=1, bias=False),
    "convtranspose": lambda: nn.ConvTranspose2d(1, 1, 2, stride=1, bias=False),
}


def make_layer(kind):
    return LAYERS[kind]()
