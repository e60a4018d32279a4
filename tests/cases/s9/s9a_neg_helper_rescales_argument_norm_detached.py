# case: the same helper dividing by the detached norm (`t.div_(t.norm().detach())`): nothing that requires grad saved the tensor before the division, and the caller's backward runs
import torch


def unit_(t):
    n = t.norm().detach()
    t.div_(n)


torch.manual_seed(0)
w = torch.randn(4, requires_grad=True)
h = w * 2.0
unit_(h)
h.sum().backward()
