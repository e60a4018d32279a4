# case: torchvision BasicBlock with the sum and the inplace ReLU swapped (out = self.relu(out); out += identity): += overwrites ReLU's saved output
# source: https://github.com/pytorch/vision/issues/807
import torch
import torch.nn as nn


def conv3x3(in_planes, out_planes, stride=1):
    return nn.Conv2d(in_planes, out_planes, kernel_size=3, stride=stride, padding=1, bias=False)


class BasicBlock(nn.Module):
    expansion = 1

    def __init__(self, inplanes, planes, stride=1, downsample=None):
        super().__init__()
        self.conv1 = conv3x3(inplanes, planes, stride)
        self.bn1 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = conv3x3(planes, planes)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = downsample
        self.stride = stride

    def forward(self, x):
        identity = x

        out = self.conv1(x)
        out = self.bn1(out)
        out = self.relu(out)

        out = self.conv2(out)
        out = self.bn2(out)

        if self.downsample is not None:
            identity = self.downsample(x)

        out = self.relu(out)  # saver
        out += identity  # expect: GG002

        return out


model = nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), BasicBlock(4, 4), BasicBlock(4, 4))
x = torch.randn(2, 3, 8, 8)
loss = model(x).mean()
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
