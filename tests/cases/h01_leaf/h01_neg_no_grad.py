# case: the same in-place spellings on a leaf under torch.no_grad() are allowed
import torch

x = torch.randn(3, requires_grad=True)
with torch.no_grad():
    x.add_(1)
    x *= 2
    x[0] = 0.
x.sum().backward()
print(x.grad)
