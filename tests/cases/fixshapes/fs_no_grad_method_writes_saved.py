# case: a `@torch.no_grad()` method normalises a tensor in place that an earlier op saved (still a version bump)
import torch


class Normer:
    @torch.no_grad()
    def normalise(self, t):
        t.div_(t.norm())  # expect: GG002


x = torch.randn(4, requires_grad=True)
y = torch.exp(x)  # saver
Normer().normalise(y)
y.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(x.grad)
