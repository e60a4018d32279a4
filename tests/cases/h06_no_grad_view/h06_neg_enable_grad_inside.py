# case: view created in an enable_grad() block nested inside no_grad: grad mode was on at creation
import torch

x = torch.randn(4, requires_grad=True)
h = x * 1
with torch.no_grad():
    with torch.enable_grad():
        v = h[:2]
v.mul_(2)
h.sum().backward()
print(x.grad)
