# case: bn.weight.data.fill_ between forward and backward: batch_norm saved weight, the write is invisible, x.grad silently wrong
import torch
import torch.nn as nn

torch.manual_seed(0)
bn = nn.BatchNorm1d(3)
x = torch.randn(4, 3, requires_grad=True)
r = torch.randn(4, 3)
loss = (bn(x) * r).sum()
bn.weight.data.fill_(0.5)  # expect: GG008
loss.backward()
print("x.grad computed with gamma=0.5 instead of 1.0:", x.grad[0])
