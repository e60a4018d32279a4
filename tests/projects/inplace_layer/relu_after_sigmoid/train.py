# case: blocks.Activation (nn.ReLU(inplace=True)) applied in models/net.py right after a sigmoid gate
import torch

from models.net import GatedNet

torch.manual_seed(0)
net = GatedNet(10)
y = net(torch.randn(4, 10))
y.sum().backward()  # raises: RuntimeError: modified by an inplace operation
