# case: torch imported as `T`; a leaf that requires grad is written in place, the no_grad wrap must use that name
import torch as T

w = T.ones(3, requires_grad=True)
w.mul_(2)  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation
(w * 3).sum().backward()
print(w.grad)
