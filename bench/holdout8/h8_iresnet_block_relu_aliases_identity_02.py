# source: https://github.com/iduta/iresnet/pull/2
# case: the PR: the blocks build `self.relu = nn.ReLU()` (not in place), so `out = self.relu(x)` in the first middle block leaves the identity path holding the pre-activation input, as the paper intends; training runs
import torch
import torch.nn as nn

torch.manual_seed(0)


def conv3x3(in_planes, out_planes, stride=1):
    return nn.Conv2d(in_planes, out_planes, kernel_size=3, stride=stride, padding=1, bias=False)


class BasicBlock(nn.Module):
    expansion = 1

    def __init__(self, inplanes, planes, stride=1, downsample=None, start_block=False, end_block=False, exclude_bn0=False):
        super().__init__()
        if not start_block and not exclude_bn0:
            self.bn0 = nn.BatchNorm2d(inplanes)
        self.conv1 = conv3x3(inplanes, planes, stride)
        self.bn1 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU()
        self.conv2 = conv3x3(planes, planes)
        if start_block or end_block:
            self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = downsample
        self.start_block = start_block
        self.end_block = end_block
        self.exclude_bn0 = exclude_bn0

    def forward(self, x):
        identity = x
        if self.start_block:
            out = self.conv1(x)
        elif self.exclude_bn0:
            out = self.relu(x)
            out = self.conv1(out)
        else:
            out = self.bn0(x)
            out = self.relu(out)
            out = self.conv1(out)
        out = self.bn1(out)
        out = self.relu(out)
        out = self.conv2(out)
        if self.start_block:
            out = self.bn2(out)
        if self.downsample is not None:
            identity = self.downsample(x)
        out += identity
        if self.end_block:
            out = self.bn2(out)
            out = self.relu(out)
        return out


class iResNet(nn.Module):
    def __init__(self, block, layers, num_classes=3):
        super().__init__()
        self.inplanes = 4
        self.conv1 = nn.Conv2d(3, 4, kernel_size=3, stride=1, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(4)
        self.relu = nn.ReLU(inplace=True)
        self.layer1 = self._make_layer(block, 4, layers[0])
        self.layer2 = self._make_layer(block, 8, layers[1], stride=2)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(8 * block.expansion, num_classes)

    def _make_layer(self, block, planes, blocks, stride=1):
        downsample = None
        if stride != 1 and self.inplanes != planes * block.expansion:
            downsample = nn.Sequential(
                nn.MaxPool2d(kernel_size=3, stride=stride, padding=1),
                nn.Conv2d(self.inplanes, planes * block.expansion, 1, bias=False),
                nn.BatchNorm2d(planes * block.expansion),
            )
        layers = [block(self.inplanes, planes, stride, downsample, start_block=True)]
        self.inplanes = planes * block.expansion
        exclude_bn0 = True
        for _ in range(1, blocks - 1):
            layers.append(block(self.inplanes, planes, exclude_bn0=exclude_bn0))
            exclude_bn0 = False
        layers.append(block(self.inplanes, planes, end_block=True, exclude_bn0=exclude_bn0))
        return nn.Sequential(*layers)

    def forward(self, x):
        x = self.relu(self.bn1(self.conv1(x)))
        x = self.layer2(self.layer1(x))
        x = self.avgpool(x).view(x.size(0), -1)
        return self.fc(x)


model = iResNet(BasicBlock, [3, 3])
opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
images, labels = torch.randn(2, 3, 8, 8), torch.tensor([0, 2])
loss = nn.functional.cross_entropy(model(images), labels)
opt.zero_grad()
loss.backward()
opt.step()
