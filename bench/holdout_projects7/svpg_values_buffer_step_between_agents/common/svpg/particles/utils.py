import torch.nn as nn


def orthogonal_init(module, gain=1.0):
    nn.init.orthogonal_(module.weight, gain=gain)
    nn.init.constant_(module.bias, 0.0)
    return module
