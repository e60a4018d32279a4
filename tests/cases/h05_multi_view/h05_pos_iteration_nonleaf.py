# case: iterating a tensor (for row in t) yields unbind outputs: in-place on a row raises M3
import torch

x = torch.randn(2, 3, requires_grad=True)
t = x * 1
for row in t:
    row.mul_(2)  # expect: GG003  # raises: RuntimeError: is a view and is being modified inplace. This view is the output of a function that returns multiple views.
t.sum().backward()
