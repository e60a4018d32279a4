# case: modifying the saved input only AFTER backward has consumed the graph
import torch

x = torch.randn(3, requires_grad=True)
w = torch.randn(3)
y = x * w
y.sum().backward()
w.add_(1)
print(x.grad, w)
