# case: view created and modified inside the same no_grad block
import torch

x = torch.randn(4, requires_grad=True)
base = x * 1
with torch.no_grad():
    v = base[:2]
    v.mul_(2)
base.sum().backward()
print(x.grad)
