# case: F.relu(..., inplace=True) on the output of an add (residual), which saves nothing
import torch
import torch.nn.functional as F

x = torch.randn(3, requires_grad=True)
skip = torch.randn(3)
h = x * 3 + skip
out = F.relu(h, inplace=True)
out.sum().backward()
print(x.grad)
