# case: t[0] (select) is an ordinary view, unlike iteration: in-place on it is fine for a non-leaf
import torch

x = torch.randn(2, 3, requires_grad=True)
t = x * 1
t[0].mul_(2)
t.sum().backward()
print(x.grad)
