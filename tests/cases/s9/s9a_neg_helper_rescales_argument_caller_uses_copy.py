# case: the helper rescales in place a detached copy the caller made (for logging), and the caller backwards through its own tensor, which the division never touched: runs
import torch


def unit_(t):
    n = t.norm()
    t.div_(n)
    return t


torch.manual_seed(0)
w = torch.randn(4, requires_grad=True)
h = w * 2.0
u = unit_(h.detach().clone())
h.sum().backward()
print(float(u.sum()))
