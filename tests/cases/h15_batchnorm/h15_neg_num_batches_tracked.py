# case: num_batches_tracked is not saved by batch_norm: zeroing it between forward and backward is harmless
import torch
import torch.nn as nn

torch.manual_seed(0)
bn = nn.BatchNorm1d(3)
x = torch.randn(4, 3, requires_grad=True)
y = bn(x)
bn.num_batches_tracked.zero_()
(y * torch.randn(4, 3)).sum().backward()
print("ok", x.grad.shape)
