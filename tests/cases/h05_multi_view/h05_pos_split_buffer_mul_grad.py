# case: split output of a constant buffer multiplied in place by a tensor that requires grad
import torch

gain = torch.randn(2, requires_grad=True)
buf = torch.ones(4)
lo, hi = buf.split(2)
lo.mul_(gain)  # expect: GG003  # raises: RuntimeError: This view is the output of a function that returns multiple views
