import torch.nn as nn

from .block import Block

CFG = {"tiny": [(8, 8, 1), (8, 16, 2), (16, 16, 1)]}


class Net(nn.Module):
    def __init__(self, layers, n_classes=4):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1, bias=False), nn.BatchNorm2d(8))
        self.blocks = nn.Sequential(*[Block(i, o, s) for i, o, s in layers])
        self.head = nn.Linear(layers[-1][1], n_classes)

    def forward(self, x):
        x = self.stem(x)
        x = self.blocks(x)
        x = x.mean(dim=(2, 3))
        return self.head(x)


def build_net(name="tiny", n_classes=4):
    return Net(CFG[name], n_classes)
