# case: sigmoid output rescaled out of place (y = y * 2), not in place
import torch

x = torch.randn(3, requires_grad=True)
y = torch.sigmoid(x)
y = y * 2
y = y + 1
y.sum().backward()
print(x.grad)
