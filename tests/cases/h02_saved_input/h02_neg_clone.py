# case: the in-place op is applied to a clone of the saved tensor, not the saved tensor
import torch

x = torch.randn(3, requires_grad=True)
w = torch.randn(3)
y = x * w
w2 = w.clone()
w2.add_(1)
y.sum().backward()
print(x.grad, w2)
