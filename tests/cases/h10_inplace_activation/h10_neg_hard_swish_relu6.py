# case: MobileNetV3 hard-swish written as x * F.relu6(x + 3., inplace=True) / 6.: relu6 modifies the (unsaved) output of add
import torch
import torch.nn as nn
import torch.nn.functional as F


class HSwish(nn.Module):
    def forward(self, x):
        return x * F.relu6(x + 3.0, inplace=True) / 6.0


torch.manual_seed(0)
net = nn.Sequential(nn.Conv2d(3, 4, 1), nn.BatchNorm2d(4), HSwish())
net(torch.randn(2, 3, 4, 4)).sum().backward()
print("ok")
