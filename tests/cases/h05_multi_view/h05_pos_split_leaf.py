# case: split of a LEAF that requires grad: M3 (multi-output check comes before the leaf check)
import torch

x = torch.randn(4, requires_grad=True)
a, b = x.split(2)
a.mul_(2)  # expect: GG003  # raises: RuntimeError: is a view and is being modified inplace. This view is the output of a function that returns multiple views.
