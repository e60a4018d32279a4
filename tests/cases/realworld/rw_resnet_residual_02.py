# case: safe variant from the same thread: identity = x; x = conv(x); x += identity never touches a saved tensor
# source: http://discuss.pytorch.org/t/in-place-operation-and-resnet/10724
import torch
import torch.nn as nn
import torch.nn.functional as F


class ResidualUnitB(nn.Module):
    def __init__(self):
        super(ResidualUnitB, self).__init__()
        self.conv_0 = nn.Conv2d(3, 4, 3, padding=1, bias=False)
        self.bn_0 = nn.BatchNorm2d(4)
        self.conv_1 = nn.Conv2d(4, 4, 3, padding=1, bias=False)
        self.bn_1 = nn.BatchNorm2d(4)

    def forward(self, x):
        x = self.conv_0(x)
        x = self.bn_0(x)
        x = F.relu(x, inplace=True)

        identity = x
        x = self.conv_1(x)
        x = self.bn_1(x)
        x += identity
        x = F.relu(x, inplace=True)

        return x


model = ResidualUnitB()
out = model(torch.randn(2, 3, 8, 8))
out.sum().backward()
