# case: the same log line with the helper normalising a copy (`t = t / t.norm()`): the saved sigmoid output is left as it was, and the backward runs
import torch


def normalise_(t):
    t = t / t.norm()
    return t.norm().item()


torch.manual_seed(0)
w = torch.randn(4, requires_grad=True)
h = torch.sigmoid(w * 2.0)
print(f"norm after {normalise_(h):.3f}")
h.sum().backward()
