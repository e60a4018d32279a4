# case: function spelling torch.split, result indexed, then in-place
import torch

x = torch.randn(4, requires_grad=True)
b = x * 1
parts = torch.split(b, 2)
parts[1].add_(1)  # expect: GG003  # raises: RuntimeError: is a view and is being modified inplace. This view is the output of a function that returns multiple views.
