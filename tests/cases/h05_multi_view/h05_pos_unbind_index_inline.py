# case: x.unbind(0)[0].mul_(2): indexing the tuple result inline
import torch

x = torch.randn(2, 3, requires_grad=True)
b = x * 1
b.unbind(0)[0].mul_(2)  # expect: GG003  # raises: RuntimeError: is a view and is being modified inplace. This view is the output of a function that returns multiple views.
