# case: one BatchNorm module applied to two inputs before backward: the stats update inside the 2nd call is not a saved-tensor hazard
import torch
import torch.nn as nn

torch.manual_seed(0)
bn = nn.BatchNorm1d(3)
x1 = torch.randn(4, 3, requires_grad=True)
x2 = torch.randn(4, 3, requires_grad=True)
y = bn(x1) + bn(x2)
(y * torch.randn(4, 3)).sum().backward()
print("ok", x1.grad.shape, x2.grad.shape)
