import torch
import torch.nn as nn

from ..rn import RN_B


class G_Net(nn.Module):
    def __init__(self, input_channels=3, ch=8):
        super().__init__()
        self.encoder = nn.Conv2d(input_channels + 1, ch, 3, stride=2, padding=1)
        self.rn = RN_B(ch)
        self.act = nn.ReLU(True)
        self.decoder = nn.ConvTranspose2d(ch, input_channels, 4, stride=2, padding=1)

    def forward(self, x, mask):
        x = torch.cat([x * (1 - mask), mask], dim=1)
        x = self.act(self.rn(self.encoder(x), mask))
        return (torch.tanh(self.decoder(x)) + 1) / 2


class D_Net(nn.Module):
    def __init__(self, in_channels=3, use_sigmoid=True):
        super().__init__()
        self.use_sigmoid = use_sigmoid
        self.conv1 = nn.Sequential(nn.Conv2d(in_channels, 8, 4, stride=2, padding=1), nn.LeakyReLU(0.2, inplace=True))
        self.conv2 = nn.Sequential(nn.Conv2d(8, 16, 4, stride=2, padding=1), nn.LeakyReLU(0.2, inplace=True))
        self.conv3 = nn.Sequential(nn.Conv2d(16, 1, 3, stride=1, padding=1))

    def forward(self, x):
        conv1 = self.conv1(x)
        conv2 = self.conv2(conv1)
        conv3 = self.conv3(conv2)
        outputs = torch.sigmoid(conv3) if self.use_sigmoid else conv3
        return outputs, [conv1, conv2, conv3]
