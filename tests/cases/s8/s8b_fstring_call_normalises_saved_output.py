# case: a log line calls a helper inside an f-string (`print(f"norm {normalise_(h):.3f}")`); the helper divides its argument in place, and that argument is a sigmoid output autograd saved, so the backward after the log line fails
import torch


def normalise_(t):
    t.div_(t.norm())  # expect: GG002
    return t.norm().item()


torch.manual_seed(0)
w = torch.randn(4, requires_grad=True)
h = torch.sigmoid(w * 2.0)  # saver
print(f"norm after {normalise_(h):.3f}")
h.sum().backward()  # raises: RuntimeError: modified by an inplace operation
