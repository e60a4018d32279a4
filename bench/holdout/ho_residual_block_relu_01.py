# case: ResidualBlock whose `left` Sequential ends in nn.ReLU(inplace=True), then `out += residual`; the 2018 report saw a silently diverging loss, torch 2.13 raises at backward (ReLU's saved output was overwritten)
# source: https://github.com/pytorch/pytorch/issues/5687
import torch
import torch.nn as nn
import torch.nn.functional as F


class ResidualBlock(nn.Module):
    def __init__(self, ch_in, ch_out, shortcut=None):
        super(ResidualBlock, self).__init__()
        self.left = nn.Sequential(
            nn.Conv2d(ch_in, 8, 3, 1, 1),  # ch_in, ch_out, kernel_size, stride, pad
            nn.ReLU(inplace=True),
            nn.Conv2d(8, ch_out, 3, 1, 1),
            nn.ReLU(inplace=True),
        )
        self.right = shortcut

    def forward(self, x):
        out = self.left(x)
        residual = x if self.right is None else self.right(x)
        out += residual  # expect: GG002
        return F.relu(out, inplace=False)


class ContentWeightedCNN(nn.Module):
    def __init__(self):
        super(ContentWeightedCNN, self).__init__()
        self.encoder = nn.Sequential(
            nn.Conv2d(3, 4, 3, 1, 1),
            nn.ReLU(inplace=True),
            ResidualBlock(4, 4),
            ResidualBlock(4, 4),
        )
        self.decoder = nn.Conv2d(4, 3, 3, 1, 1)

    def forward(self, x):
        return self.decoder(self.encoder(x))


model = ContentWeightedCNN()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
x = torch.rand(2, 3, 8, 8)
out = model(x)
loss = F.mse_loss(out, x)
optimizer.zero_grad()
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
optimizer.step()
