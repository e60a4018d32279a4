# case: a write to a leaf that requires grad in a one-line `if` (`if warm: w.add_(0.1)`); the no_grad wrap has to put the write on its own lines under the `if`
import torch

w = torch.zeros(3, requires_grad=True)
warm = True
if warm: w.add_(0.1)  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation
(w * 2).sum().backward()
print(w.grad)
