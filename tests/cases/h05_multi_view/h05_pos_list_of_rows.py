# case: list(t) iterates the tensor; in-place on an element of the list raises M3
import torch

x = torch.randn(3, 2, requires_grad=True)
rows = list(x.exp())
rows[0].zero_()  # expect: GG003  # raises: RuntimeError: is a view and is being modified inplace. This view is the output of a function that returns multiple views.
