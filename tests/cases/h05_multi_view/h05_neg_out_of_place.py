# case: out-of-place update of unbind outputs (a = a * 2) instead of a.mul_(2)
import torch

x = torch.randn(2, 3, requires_grad=True)
a, b = (x * 1).unbind(0)
a = a * 2
b = b + 1
(a.sum() + b.sum()).backward()
print(x.grad)
