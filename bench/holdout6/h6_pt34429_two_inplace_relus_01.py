# source: https://github.com/pytorch/pytorch/issues/34429
# case: conv -> BatchNorm -> nn.ReLU(inplace=True) -> a second nn.ReLU(inplace=True): the second in-place ReLU overwrites the output that the first one saved for its backward
import torch
import torch.nn as nn

torch.manual_seed(0)
conv1 = nn.Conv2d(3, 8, kernel_size=1, bias=False)
bn = nn.BatchNorm2d(8)
relu1 = nn.ReLU(inplace=True)
relu2 = nn.ReLU(inplace=True)

input = torch.randn(2, 3, 4, 4)
x = conv1(input)
x = bn(x)
x = relu1(x)  # saver

# the second successive inplace ReLU operation
x = relu2(x)  # expect: GG002

x = x.flatten()
x = torch.sum(x)
x.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
