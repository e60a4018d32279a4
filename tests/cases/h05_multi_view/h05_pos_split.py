# case: in-place on an output of Tensor.split
import torch

x = torch.randn(4, requires_grad=True)
a, b = (x * 1).split(2)
a.mul_(2)  # expect: GG003  # raises: RuntimeError: is a view and is being modified inplace. This view is the output of a function that returns multiple views.
(a.sum() + b.sum()).backward()
