# source: https://github.com/rwightman/gen-efficientnet-pytorch/issues/16
# case: look-alike: the in-place Mish is only used when the trained weights are copied into an export model that is run under torch.no_grad(); no graph is recorded there, and the training model uses the out-of-place Mish
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


def mish(x, inplace: bool = False):
    if inplace:
        return x.mul_(F.softplus(x).tanh())
    return x.mul(F.softplus(x).tanh())


class Mish(nn.Module):
    def __init__(self, inplace: bool = False):
        super().__init__()
        self.inplace = inplace

    def forward(self, x):
        return mish(x, self.inplace)


class DepthwiseSeparableConv(nn.Module):
    def __init__(self, in_chs, out_chs, act_layer=nn.ReLU, noskip=False):
        super().__init__()
        self.has_residual = in_chs == out_chs and not noskip
        self.conv_dw = nn.Conv2d(in_chs, in_chs, 3, padding=1, groups=in_chs, bias=False)
        self.bn1 = nn.BatchNorm2d(in_chs)
        self.act1 = act_layer(inplace=False)
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
    def __init__(self, num_classes=3, act_layer=Mish):
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


class MishInplace(Mish):
    def __init__(self, inplace: bool = False):
        super().__init__(inplace=True)


model = TinyMixNet()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
images = torch.randn(4, 3, 16, 16)
targets = torch.tensor([0, 1, 2, 1])
for step in range(2):
    optimizer.zero_grad()
    loss = F.cross_entropy(model(images), targets)
    loss.backward()
    optimizer.step()

export_model = TinyMixNet(act_layer=MishInplace)
export_model.load_state_dict(model.state_dict())
export_model.eval()
with torch.no_grad():
    logits = export_model(images)
print(logits.argmax(1))
