import torch
import torch.nn as nn


class InpaintGenerator(nn.Module):
    def __init__(self, ch=8):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Conv2d(4, ch, 3, padding=1),
            nn.InstanceNorm2d(ch, track_running_stats=False),
            nn.ReLU(True),
        )
        self.decoder = nn.Conv2d(ch, 3, 3, padding=1)

    def forward(self, x):
        x = self.encoder(x)
        x = self.decoder(x)
        return (torch.tanh(x) + 1) / 2


class Discriminator(nn.Module):
    def __init__(self, in_channels, use_sigmoid=True, ch=8):
        super().__init__()
        self.use_sigmoid = use_sigmoid
        self.conv1 = nn.Sequential(nn.Conv2d(in_channels, ch, 4, 2, 1), nn.LeakyReLU(0.2, inplace=True))
        self.conv2 = nn.Sequential(nn.Conv2d(ch, ch * 2, 4, 2, 1), nn.LeakyReLU(0.2, inplace=True))
        self.conv3 = nn.Sequential(nn.Conv2d(ch * 2, 1, 3, 1, 1))

    def forward(self, x):
        conv1 = self.conv1(x)
        conv2 = self.conv2(conv1)
        conv3 = self.conv3(conv2)  # saver
        outputs = conv3
        if self.use_sigmoid:
            outputs = torch.sigmoid(conv3)
        return outputs, [conv1, conv2, conv3]
