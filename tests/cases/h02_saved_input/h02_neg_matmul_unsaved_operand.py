# case: h @ W with a constant W saves W, not h (W needs no grad): modifying h afterwards is fine
import torch

x = torch.randn(4, 3, requires_grad=True)
W = torch.randn(3, 2)
h = x * 1
y = h @ W
h.add_(1)
y.sum().backward()
print(x.grad)
