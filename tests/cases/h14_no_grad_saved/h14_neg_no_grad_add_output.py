# case: no_grad in-place on the output of an add, which no op saved: backward runs (the clamp is just not differentiated)
import torch

x = torch.randn(3, requires_grad=True)
y = x + 1
with torch.no_grad():
    y.clamp_(-1.0, 1.0)
y.sum().backward()
print("ok", x.grad)
