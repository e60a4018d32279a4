# case: a discriminator assembled from an OrderedDict of per-layer Sequentials (Conv2d, LeakyReLU(inplace=True), Dropout(inplace=True)); the in-place dropout overwrites the LeakyReLU output that the in-place LeakyReLU kept for its backward
from collections import OrderedDict

import torch
import torch.nn as nn

torch.manual_seed(0)


class Discriminator(nn.Module):
    def __init__(self, in_ch=3, width=4, n_layers=2, drop=0.3):
        super().__init__()
        modules = OrderedDict()
        ch = in_ch
        for i in range(n_layers):
            modules["conv_{}".format(i)] = nn.Sequential(
                nn.Conv2d(ch, width, 3, stride=2, padding=1),
                nn.LeakyReLU(0.2, inplace=True),  # saver
                nn.Dropout(drop, inplace=True),  # expect: GG002
            )
            ch = width
        self.features = nn.Sequential(modules)
        self.head = nn.Linear(width * 2 * 2, 1)

    def forward(self, x):
        h = self.features(x)
        return self.head(h.flatten(1))


disc = Discriminator()
disc.train()
images = torch.randn(2, 3, 8, 8)
logits = disc(images)
loss = nn.functional.softplus(-logits).mean()
print(round(loss.item(), 4))
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
