# case: bn.reset_running_stats() and a running_mean edit before the forward that will be backpropagated
import torch
import torch.nn as nn

torch.manual_seed(0)
bn = nn.BatchNorm2d(4)
bn.reset_running_stats()
bn.running_mean.fill_(0.5)
x = torch.randn(2, 4, 3, 3, requires_grad=True)
bn(x).pow(2).mean().backward()
print("ok", x.grad.shape)
