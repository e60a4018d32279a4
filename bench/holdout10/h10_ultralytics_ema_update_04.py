# source: https://github.com/ultralytics/ultralytics/pull/25315
# case: the same parameters()-based EMA update over an unfrozen deep copy, decorated with `@torch.no_grad()` as EMA helpers usually are: the in-place blend of leaves that require grad is allowed with grad mode off, and training with the EMA runs
import math
from copy import deepcopy

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class Conv(nn.Module):
    def __init__(self, c1, c2, k=3, s=1):
        super().__init__()
        self.conv = nn.Conv2d(c1, c2, k, s, k // 2, bias=False)
        self.bn = nn.BatchNorm2d(c2)
        self.act = nn.SiLU(inplace=True)

    def forward(self, x):
        return self.act(self.bn(self.conv(x)))


class TinyDetector(nn.Module):
    def __init__(self, nc=3):
        super().__init__()
        self.backbone = nn.Sequential(Conv(3, 8, 3, 2), Conv(8, 16, 3, 2))
        self.head = nn.Conv2d(16, 4 + nc, 1)

    def forward(self, x):
        return self.head(self.backbone(x))


class ModelEMA:
    def __init__(self, model, decay=0.9999, tau=2000, updates=0):
        self.ema = deepcopy(model).eval()
        self.updates = updates
        self.decay = lambda x: decay * (1 - math.exp(-x / tau))

    @torch.no_grad()
    def update(self, model):
        self.updates += 1
        d = self.decay(self.updates)
        for ema_p, p in zip(self.ema.parameters(), model.parameters()):
            ema_p.mul_(d).add_(p.detach(), alpha=1 - d)


def compute_loss(pred, target):
    return F.smooth_l1_loss(pred[:, :4], target[:, :4]) + F.binary_cross_entropy_with_logits(pred[:, 4:], target[:, 4:])


model = TinyDetector()
ema = ModelEMA(model)
optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)

for step in range(3):
    imgs = torch.randn(2, 3, 16, 16)
    target = torch.rand(2, 7, 4, 4)
    loss = compute_loss(model(imgs), target)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    ema.update(model)

with torch.no_grad():
    val_loss = compute_loss(ema.ema(torch.randn(2, 3, 16, 16)), torch.rand(2, 7, 4, 4))
print(round(loss.item(), 4), round(val_loss.item(), 4))
