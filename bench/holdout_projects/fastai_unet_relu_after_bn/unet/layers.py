import torch.nn as nn


def relu(inplace=True, leaky=None):
    return nn.LeakyReLU(inplace=inplace, negative_slope=leaky) if leaky is not None else nn.ReLU(inplace=inplace)


def conv_layer(ni, nf, ks=3, stride=1, leaky=None):
    """conv -> batchnorm -> in-place relu, fastai v1 style."""
    return nn.Sequential(nn.Conv2d(ni, nf, ks, stride=stride, padding=ks // 2, bias=False),
                         nn.BatchNorm2d(nf), relu(True, leaky=leaky))


class Hook:
    """Stores a module's output on every forward call."""

    def __init__(self, module):
        self.stored = None
        self.handle = module.register_forward_hook(self.hook_fn)

    def hook_fn(self, module, input, output):
        self.stored = output
