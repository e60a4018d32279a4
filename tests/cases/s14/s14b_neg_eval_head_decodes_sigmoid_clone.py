# case: look-alike: the same eval-mode head decoding boxes into a clone of its sigmoid output, so the saved output is untouched and the loss on the first output of the inserted list backpropagates to the patch
import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv = nn.Conv2d(c, c, 3, 1, 1)
        self.bn = nn.BatchNorm2d(c)
        self.act = nn.LeakyReLU(0.1)

    def forward(self, x):
        return self.act(self.bn(self.conv(x)))


class Detect(nn.Module):
    def __init__(self, c, no):
        super().__init__()
        self.no = no
        self.m = nn.Conv2d(c, no, 1)

    def forward(self, x):
        x = self.m(x)
        if not self.training:
            y = x.sigmoid().clone()
            y[:, 0:2] = y[:, 0:2] * 2.0 - 0.5
            return y, x
        return x


class Net(nn.Module):
    def __init__(self, c=4):
        super().__init__()
        self.stem = nn.Conv2d(3, c, 3, 1, 1)
        self.body = nn.Sequential(*[Block(c) for _ in range(24)])
        self.seg1 = nn.Conv2d(c, 1, 1)
        self.seg2 = nn.Conv2d(c, 1, 1)
        self.det = Detect(c, 6)

    def forward(self, x):
        x = self.body(self.stem(x))
        out = [torch.sigmoid(self.seg1(x)), torch.sigmoid(self.seg2(x))]
        out.insert(0, self.det(x))
        return out


model = Net()
model.eval()
for p in model.parameters():
    p.requires_grad_(False)
patch = torch.rand(1, 3, 8, 8, requires_grad=True)
det_out, seg1, seg2 = model(patch)
inf_out, raw = det_out
loss = inf_out[:, 4].max()
loss.backward()
