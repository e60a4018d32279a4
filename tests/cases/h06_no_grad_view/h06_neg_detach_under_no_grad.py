# case: detach() under no_grad is not a differentiable view: in-place with grad on is allowed (nothing saved)
import torch

x = torch.randn(4, requires_grad=True)
h = x * 1
with torch.no_grad():
    d = h.detach()
d.mul_(2)
h.sum().backward()
print(x.grad)
