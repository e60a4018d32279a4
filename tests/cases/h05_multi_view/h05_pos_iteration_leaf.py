# case: iterating a LEAF that requires grad: torch raises the multi-output view error (M3), not M1v
import torch

w = torch.randn(2, 3, requires_grad=True)
for row in w:
    row.mul_(2)  # expect: GG003  # raises: RuntimeError: is a view and is being modified inplace. This view is the output of a function that returns multiple views.
