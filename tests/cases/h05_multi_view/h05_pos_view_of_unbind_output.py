# case: a slice of an unbind output inherits the restriction ("Output 0 of Slice is a view ... multiple views")
import torch

x = torch.randn(2, 3, requires_grad=True)
a, b = (x * 1).unbind(0)
a[:2].mul_(2)  # expect: GG003  # raises: RuntimeError: is a view and is being modified inplace. This view is the output of a function that returns multiple views.
