import torch.nn as nn


class Generator(nn.Module):
    def __init__(self, z_dim=16, hidden=32, img=8 * 8):
        super().__init__()
        self.main = nn.Sequential(
            nn.Linear(in_features=z_dim, out_features=hidden),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Linear(in_features=hidden, out_features=hidden * 2),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Linear(in_features=hidden * 2, out_features=img),
            nn.Tanh())

    def forward(self, inputs):
        return self.main(inputs).view(-1, 1, 8, 8)
