# case: a helper rescales the tensor it is given by that tensor's own norm, in place (`n = t.norm(); t.div_(n)`); the caller's name for the tensor now runs back through the division and the norm, which saved the tensor before the division changed it, so the caller's backward fails
import torch


def unit_(t):
    n = t.norm()  # saver
    t.div_(n)  # expect: GG002


torch.manual_seed(0)
w = torch.randn(4, requires_grad=True)
h = w * 2.0
unit_(h)
h.sum().backward()  # raises: RuntimeError: modified by an inplace operation
