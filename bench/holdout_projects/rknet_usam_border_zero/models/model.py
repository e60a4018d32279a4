import torch.nn as nn

from .usam import USAM


class ClassBlock(nn.Module):
    def __init__(self, input_dim, class_num, num_bottleneck=32):
        super().__init__()
        self.add_block = nn.Sequential(nn.Linear(input_dim, num_bottleneck), nn.BatchNorm1d(num_bottleneck), nn.Dropout(p=0.5))
        self.classifier = nn.Linear(num_bottleneck, class_num)

    def forward(self, x):
        return self.classifier(self.add_block(x))


class ft_net(nn.Module):
    """ResNet-like stem with the two USAM blocks of RK-Net (tiny widths)."""

    def __init__(self, width=16):
        super().__init__()
        self.conv1 = nn.Conv2d(3, width, 7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(3, stride=2, padding=1)
        self.layer1 = nn.Sequential(nn.Conv2d(width, width, 3, padding=1, bias=False), nn.BatchNorm2d(width), nn.ReLU(inplace=True))
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.usam_1 = USAM()
        self.usam_2 = USAM()

    def forward(self, x):
        x = self.conv1(x)
        x = self.bn1(x)
        x = self.relu(x)
        x = self.usam_1(x)
        x = self.maxpool(x)
        x = self.layer1(x)
        x = self.usam_2(x)
        x = self.avgpool(x)
        return x.view(x.size(0), x.size(1))


class two_view_net(nn.Module):
    def __init__(self, class_num, width=16, share_weight=False):
        super().__init__()
        self.model_1 = ft_net(width)
        self.model_2 = self.model_1 if share_weight else ft_net(width)
        self.classifier = ClassBlock(width, class_num)

    def forward(self, x1, x2):
        y1 = self.classifier(self.model_1(x1))
        y2 = self.classifier(self.model_2(x2))
        return y1, y2
