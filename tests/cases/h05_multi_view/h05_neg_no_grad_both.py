# case: multi-output views created AND modified under no_grad
import torch

x = torch.randn(2, 3, requires_grad=True)
h = x * 1
with torch.no_grad():
    a, b = h.unbind(0)
    a.mul_(2)
h.sum().backward()
print(x.grad)
