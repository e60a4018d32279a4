# case: in-place on an output of chunk
import torch

x = torch.randn(4, requires_grad=True)
a, b = (x * 1).chunk(2)
b.add_(1)  # expect: GG003  # raises: RuntimeError: is a view and is being modified inplace. This view is the output of a function that returns multiple views.
