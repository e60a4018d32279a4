# source: https://github.com/pytorch/pytorch/issues/34429
# case: the same stack with the second ReLU out of place (`nn.ReLU()`): the first in-place ReLU writes into the BatchNorm output, which BatchNorm's backward does not need
import torch
import torch.nn as nn

torch.manual_seed(0)
conv1 = nn.Conv2d(3, 8, kernel_size=1, bias=False)
bn = nn.BatchNorm2d(8)
relu1 = nn.ReLU(inplace=True)
relu2 = nn.ReLU()

input = torch.randn(2, 3, 4, 4)
x = conv1(input)
x = bn(x)
x = relu1(x)
x = relu2(x)

x = x.flatten()
x = torch.sum(x)
x.backward()
