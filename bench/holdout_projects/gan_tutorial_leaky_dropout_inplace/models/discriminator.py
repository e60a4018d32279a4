import torch.nn as nn


class Discriminator(nn.Module):
    def __init__(self, img=8 * 8, hidden=32):
        super().__init__()
        self.main = nn.Sequential(
            nn.Linear(in_features=img, out_features=hidden * 2),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Dropout(inplace=True),  # expect: GG002
            nn.Linear(in_features=hidden * 2, out_features=hidden),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Dropout(inplace=True),  # expect: GG002
            nn.Linear(in_features=hidden, out_features=1),
            nn.Sigmoid())

    def forward(self, inputs):
        inputs = inputs.view(-1, 8 * 8)
        return self.main(inputs)  # saver
