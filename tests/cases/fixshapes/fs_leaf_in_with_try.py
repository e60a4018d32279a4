# case: a write to a leaf that requires grad inside a `try` inside a `with` block
import contextlib

import torch

w = torch.ones(3, requires_grad=True)
with contextlib.suppress(KeyError):
    try:
        w.sub_(0.25)  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation
    except ValueError:
        pass
(w * 2).sum().backward()
print(w.grad)
