# case: an in-place write on a tanh's output inside a `with` block that does not change grad mode
import contextlib

import torch

x = torch.randn(4, requires_grad=True)
h = x.tanh()  # saver
with contextlib.nullcontext():
    h.div_(2)  # expect: GG002
h.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(x.grad)
