# case: view made in one no_grad block, modified in a later no_grad block (grad mode off at the op)
import torch


@torch.no_grad()
def scale_(t, s):
    t.mul_(s)


x = torch.randn(4, requires_grad=True)
h = x * 1
with torch.no_grad():
    tail = h[2:]
scale_(tail, 0.5)
h.sum().backward()
print(x.grad)
