# case: base of chunk outputs modified via setitem, then a chunk is used in a loss
import torch

x = torch.randn(4, requires_grad=True)
h = x * 2
lo, hi = h.chunk(2)
h[0] = 0.  # expect: GG003
(lo * hi).sum().backward()  # raises: RuntimeError: its base or another view of its base has been modified inplace
