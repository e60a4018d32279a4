# case: rows only read during iteration; the base is modified after the loop, rows never used again
import torch

x = torch.randn(3, 2, requires_grad=True)
t = x * 1
total = 0
for row in t:
    total = total + row.sum()
t.mul_(0.5)
total.backward()
print(x.grad)
