# case: a * w with a constant w saves only w, not a: modifying a afterwards is fine
import torch

x = torch.randn(3, requires_grad=True)
w = torch.randn(3)
a = x * 1
y = a * w
a.add_(1)
y.sum().backward()
print(x.grad)
