# case: user zeroes bn.running_mean between a training-mode forward and backward; batch_norm saved running_mean (H15b)
import torch
import torch.nn as nn

bn = nn.BatchNorm1d(3)
x = torch.randn(4, 3, requires_grad=True)
y = bn(x)  # saver
bn.running_mean.zero_()  # expect: GG002
y.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
