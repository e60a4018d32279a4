# case: chunks recombined with torch.cat (a new tensor); in-place on the cat result is fine
import torch

x = torch.randn(6, requires_grad=True)
h = x * 1
a, b, c = h.chunk(3)
merged = torch.cat([c, a])
merged.mul_(2)
(merged.sum() + b.sum()).backward()
print(x.grad)
