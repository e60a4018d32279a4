import torch
from torch import nn as nn
from torch.nn import functional as F


class D_net_gauss(nn.Module):
    def __init__(self, z_dim, N=1000):
        super(D_net_gauss, self).__init__()
        self.lin1 = nn.Linear(z_dim, N)
        self.lin2 = nn.Linear(N, N)
        self.lin3 = nn.Linear(N, 1)

    def forward(self, x):
        x = F.dropout(self.lin1(x), p=0.2, training=self.training)
        x = F.relu(x)
        x = F.dropout(self.lin2(x), p=0.2, training=self.training)
        x = F.relu(x)
        return torch.sigmoid(self.lin3(x))


class Discriminator(nn.Module):
    def __init__(self, ndf=4):
        super(Discriminator, self).__init__()
        nc = 3
        self.main = [
            nn.Conv2d(nc, ndf, 4, 2, 1, bias=False),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(ndf, ndf * 2, 4, 2, 1, bias=False),
            nn.BatchNorm2d(ndf * 2),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(ndf * 2, 1, 4, 1, 0, bias=False),
            nn.AdaptiveAvgPool2d((1, 1))
        ]
        self.main.append(nn.Sigmoid())
        self.main = nn.Sequential(*self.main)

    def forward(self, input):
        output = self.main(input)
        return output.view(-1, 1).squeeze(1)
