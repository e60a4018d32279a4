# case: in-place on a slice of x * 2 (whose output nothing saved) before backward
import torch

x = torch.randn(4, requires_grad=True)
a = x * 2
a[:2].mul_(3)
a.view(2, 2)[1].add_(1)
a.sum().backward()
print(x.grad)
