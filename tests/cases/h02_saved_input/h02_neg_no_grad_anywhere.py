# case: x * w where neither requires grad: no graph, nothing saved
import torch

x = torch.randn(3)
w = torch.randn(3)
y = x * w
w.add_(1)
x.mul_(2)
print(y.sum())
