# case: split with a list of sizes (SplitWithSizes) also returns multi-output views
import torch

x = torch.randn(5, requires_grad=True)
h = x * 1
head, tail = h.split([2, 3])
tail += 1  # expect: GG003  # raises: RuntimeError: is a view and is being modified inplace. This view is the output of a function that returns multiple views.
