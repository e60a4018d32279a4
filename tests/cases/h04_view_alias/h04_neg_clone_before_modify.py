# case: the slice is cloned before the in-place op, so the saved exp output is untouched
import torch

x = torch.randn(4, requires_grad=True)
y = x.exp()
head = y[:2].clone()
head.mul_(2)
(y.sum() + head.sum()).backward()
print(x.grad)
