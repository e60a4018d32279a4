# case: `nn.LeakyReLU(0.2, True)`: inplace passed positionally, after a sigmoid that saved its output
import torch
import torch.nn as nn

net = nn.Sequential(nn.Linear(4, 4), nn.Sigmoid(), nn.LeakyReLU(0.2, True))  # expect: GG002  # saver
x = torch.randn(2, 4)
net(x).sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(net[0].weight.grad.shape)
