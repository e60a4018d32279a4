# source: https://github.com/rwightman/gen-efficientnet-pytorch/issues/16
# case: look-alike: HardSwish with inplace=True (`x.mul_(F.relu6(x + 3.0) / 6.0)`); relu6 is applied to the fresh tensor x + 3, so nothing saved x itself, and the block with the in-place hard swish trains
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


def hard_swish(x, inplace: bool = False):
    inner = F.relu6(x + 3.0).div_(6.0)
    return x.mul_(inner) if inplace else x.mul(inner)


class HardSwish(nn.Module):
    def __init__(self, inplace: bool = False):
        super().__init__()
        self.inplace = inplace

    def forward(self, x):
        return hard_swish(x, self.inplace)


class DepthwiseSeparableConv(nn.Module):
    def __init__(self, in_chs, out_chs, act_layer=nn.ReLU, noskip=False):
        super().__init__()
        self.has_residual = in_chs == out_chs and not noskip
        self.conv_dw = nn.Conv2d(in_chs, in_chs, 3, padding=1, groups=in_chs, bias=False)
        self.bn1 = nn.BatchNorm2d(in_chs)
        self.act1 = act_layer(inplace=True)
        self.conv_pw = nn.Conv2d(in_chs, out_chs, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(out_chs)

    def forward(self, x):
        residual = x
        x = self.conv_dw(x)
        x = self.bn1(x)
        x = self.act1(x)
        x = self.conv_pw(x)
        x = self.bn2(x)
        if self.has_residual:
            x += residual
        return x


class TinyMixNet(nn.Module):
    def __init__(self, num_classes=3, act_layer=HardSwish):
        super().__init__()
        self.conv_stem = nn.Conv2d(3, 8, 3, stride=2, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(8)
        self.act1 = act_layer(inplace=False)
        self.blocks = nn.Sequential(DepthwiseSeparableConv(8, 8, act_layer), DepthwiseSeparableConv(8, 12, act_layer))
        self.classifier = nn.Linear(12, num_classes)

    def forward(self, x):
        x = self.act1(self.bn1(self.conv_stem(x)))
        x = self.blocks(x)
        x = x.mean((2, 3))
        return self.classifier(x)


model = TinyMixNet()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
images = torch.randn(4, 3, 16, 16)
targets = torch.tensor([0, 1, 2, 1])
for step in range(2):
    optimizer.zero_grad()
    loss = F.cross_entropy(model(images), targets)
    loss.backward()
    optimizer.step()
