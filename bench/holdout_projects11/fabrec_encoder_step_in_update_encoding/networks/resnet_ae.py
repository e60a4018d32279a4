import torch.nn as nn


class BasicBlock(nn.Module):
    def __init__(self, inplanes, planes, stride=1):
        super(BasicBlock, self).__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = nn.Sequential(nn.Conv2d(inplanes, planes, 1, stride, bias=False), nn.BatchNorm2d(planes))

    def forward(self, x):
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        out = out + self.downsample(x)
        return self.relu(out)


class ResNet(nn.Module):
    """the encoder Q: a two-stage residual network and a linear map to the embedding"""

    def __init__(self, planes=(8, 16), num_classes=99, input_channels=3):
        super(ResNet, self).__init__()
        self.conv1 = nn.Conv2d(input_channels, planes[0], 3, 2, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes[0])
        self.relu = nn.ReLU(inplace=True)
        self.layer1 = BasicBlock(planes[0], planes[0])
        self.layer2 = BasicBlock(planes[0], planes[1], stride=2)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(planes[1], num_classes)

    def forward(self, x):
        x = self.relu(self.bn1(self.conv1(x)))
        x = self.layer2(self.layer1(x))
        x = self.avgpool(x).view(x.size(0), -1)
        return self.fc(x)


class InvResNet(nn.Module):
    """the decoder P: a linear map to a 4 x 4 grid and transposed convolutions up to output_size"""

    def __init__(self, input_dims=99, output_size=32, output_channels=3, planes=16):
        super(InvResNet, self).__init__()
        self.planes = planes
        self.fc = nn.Linear(input_dims, planes * 4 * 4)
        layers = []
        size = 4
        while size < output_size:
            layers += [nn.ConvTranspose2d(planes, planes // 2, 4, 2, 1, bias=False),
                       nn.BatchNorm2d(planes // 2), nn.ReLU(inplace=True)]
            planes //= 2
            size *= 2
        self.layers = nn.Sequential(*layers)
        self.lin = nn.Conv2d(planes, output_channels, 3, 1, 1)
        self.tanh = nn.Tanh()

    def forward(self, z):
        x = self.fc(z).view(z.size(0), self.planes, 4, 4)
        x = self.layers(x)
        return self.tanh(self.lin(x))


def resnet18(pretrained=False, num_classes=99, input_size=32, input_channels=3, layer_normalization='batch'):
    return ResNet(num_classes=num_classes, input_channels=input_channels)
