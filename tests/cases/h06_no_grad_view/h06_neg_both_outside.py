# case: view created and modified with grad mode on (non-leaf base): tracked normally
import torch

x = torch.randn(4, requires_grad=True)
base = x * 1
v = base[:2]
v.mul_(2)
base.sum().backward()
print(x.grad)
