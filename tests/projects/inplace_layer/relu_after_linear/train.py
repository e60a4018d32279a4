# case: blocks.Activation (nn.ReLU(inplace=True)) applied to a linear output: safe
import torch

from models.net import GatedNet

torch.manual_seed(0)
net = GatedNet(10)
y = net(torch.randn(4, 10))
y.sum().backward()
