# case: function spelling torch.unbind, then setitem on one output
import torch

x = torch.randn(3, 2, requires_grad=True)
rows = torch.unbind(x.tanh() * 2, dim=0)
rows[1][0] = 0.  # expect: GG003  # raises: RuntimeError: is a view and is being modified inplace. This view is the output of a function that returns multiple views.
