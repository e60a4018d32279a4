# case: a method caches a view of its input taken under `@torch.no_grad()` (a decorated helper) and another method writes into it with grad mode on
import torch


class Cache:
    @torch.no_grad()
    def keep(self, x):
        self.head = x[:2]

    def bump(self):
        self.head.add_(1)  # expect: GG004  # raises: RuntimeError: A view was created in no_grad mode and is being modified inplace with grad mode enabled


w = torch.randn(4, requires_grad=True)
x = w * 2
c = Cache()
c.keep(x)
c.bump()
x.sum().backward()
print(w.grad)
