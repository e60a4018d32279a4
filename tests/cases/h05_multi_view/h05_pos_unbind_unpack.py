# case: tuple-unpacked outputs of unbind are multi-output views: in-place raises at the op
import torch

x = torch.randn(2, 3, requires_grad=True)
a, b = (x * 1).unbind(0)
a.mul_(2)  # expect: GG003  # raises: RuntimeError: is a view and is being modified inplace. This view is the output of a function that returns multiple views.
