# case: `torch.split(h, 2, dim=1)` pieces written in place in a loop (function form, keyword dim)
import torch

w = torch.randn(3, 4, requires_grad=True)
h = w * 1.0
for piece in torch.split(h, 2, dim=1):
    piece.mul_(0.5)  # expect: GG003  # raises: RuntimeError: is a view and is being modified inplace
h.sum().backward()
print(w.grad)
