# case: a tensor derived out of place from the sigmoid output is modified, not the output itself
import torch

x = torch.randn(3, requires_grad=True)
y = torch.sigmoid(x)
z = y * 2
z.clamp_(max=1.5)
z.sum().backward()
print(x.grad)
