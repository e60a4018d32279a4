# case: ER-Net 3D vessel segmentation ResEncoder: `out = self.relu(self.bn2(self.conv2(out))); out += residual` adds the 1x1 shortcut in place to the ReLU output that ReLU's backward needs
# source: https://github.com/iMED-Lab/ER-Net/pull/3
import torch
import torch.nn as nn
import torch.nn.functional as F


class ResEncoder(nn.Module):
    def __init__(self, in_channels, out_channels):
        super(ResEncoder, self).__init__()
        self.conv1 = nn.Conv3d(in_channels, out_channels, kernel_size=3, padding=1)
        self.bn1 = nn.BatchNorm3d(out_channels)
        self.conv2 = nn.Conv3d(out_channels, out_channels, kernel_size=3, padding=1)
        self.bn2 = nn.BatchNorm3d(out_channels)
        self.relu = nn.ReLU(inplace=False)
        self.conv1x1 = nn.Conv3d(in_channels, out_channels, kernel_size=1)

    def forward(self, x):
        residual = self.conv1x1(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))  # saver
        out += residual  # expect: GG002
        out = self.relu(out)
        return out


class TinyERNet(nn.Module):
    def __init__(self, classes=1, channels=1):
        super().__init__()
        self.encoder1 = ResEncoder(channels, 4)
        self.encoder2 = ResEncoder(4, 8)
        self.down = nn.MaxPool3d(kernel_size=2, stride=2)
        self.up1 = nn.ConvTranspose3d(8, 4, kernel_size=2, stride=2)
        self.final = nn.Conv3d(4, classes, kernel_size=1, padding=0)

    def forward(self, x):
        enc1 = self.encoder1(x)
        enc2 = self.encoder2(self.down(enc1))
        up1 = self.up1(enc2) + enc1
        return torch.sigmoid(self.final(up1))


torch.manual_seed(0)
net = TinyERNet()
img = torch.rand(2, 1, 8, 8, 8)
label = (torch.rand(2, 1, 8, 8, 8) > 0.5).float()
pred = net(img)
loss = F.binary_cross_entropy(pred, label)
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
