# case: the split output is cloned before the in-place op
import torch

x = torch.randn(4, requires_grad=True)
a, b = (x * 1).split(2)
a = a.clone()
a.mul_(2)
(a.sum() + b.sum()).backward()
print(x.grad)
