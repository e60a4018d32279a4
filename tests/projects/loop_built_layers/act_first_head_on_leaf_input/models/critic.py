import torch.nn as nn

from .blocks import ConvBlock


class Critic(nn.Module):
    def __init__(self, ch=4, n_blocks=1):
        super().__init__()
        layers = [ConvBlock(3, ch, act_first=True)]
        for _ in range(n_blocks):
            layers += [ConvBlock(ch, ch, act_first=True)]
        layers.append(ConvBlock(ch, 1, act_first=True))
        self.body = nn.Sequential(*layers)

    def forward(self, x):
        return self.body(x)
