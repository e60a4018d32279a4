# case: layers built by a helper in a loop (`conv_block` returns [Linear, Sigmoid, ReLU(inplace=True)]) and collected into nn.Sequential(*layers)
import torch
import torch.nn as nn


def block(n_in, n_out):
    return [nn.Linear(n_in, n_out), nn.Sigmoid(), nn.ReLU(inplace=True)]  # expect: GG002  # saver


layers = []
for n_in, n_out in [(4, 8), (8, 8)]:
    layers += block(n_in, n_out)
net = nn.Sequential(*layers)
net(torch.randn(2, 4)).sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(net[0].weight.grad.shape)
