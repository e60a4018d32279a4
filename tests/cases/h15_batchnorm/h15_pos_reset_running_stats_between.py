# case: bn.reset_running_stats() (zero_/fill_ on the buffers) called between forward and backward
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3)
        self.bn = nn.BatchNorm2d(4)

    def forward(self, x):
        return torch.relu(self.bn(self.conv(x)))  # saver


torch.manual_seed(0)
net = Net()
out = net(torch.randn(2, 3, 6, 6))
net.bn.reset_running_stats()  # expect: GG002
out.mean().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
