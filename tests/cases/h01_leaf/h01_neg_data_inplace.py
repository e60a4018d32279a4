# case: in-place through p.data on a parameter, with no graph built yet: runs, nothing to corrupt
import torch
import torch.nn as nn

lin = nn.Linear(3, 2)
lin.weight.data.mul_(0.1)
lin.bias.data.zero_()
out = lin(torch.randn(4, 3)).sum()
out.backward()
print(lin.weight.grad.shape)
