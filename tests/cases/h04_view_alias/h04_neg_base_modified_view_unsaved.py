# case: the base of a view is modified, but the view was only used by ops that save nothing
import torch

x = torch.randn(4, requires_grad=True)
a = x * 1
v = a[:2]
y = (v + 1).sum() + v.mean()
a.zero_()
y.backward()
print(x.grad)
