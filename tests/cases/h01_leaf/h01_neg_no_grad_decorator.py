# case: in-place updates of a leaf inside a @torch.no_grad() decorated function
import torch


@torch.no_grad()
def reset_(w):
    w.zero_()
    w[:, 0] += 1.0


w = torch.randn(2, 3, requires_grad=True)
reset_(w)
(w * 3).sum().backward()
print(w.grad)
