# case: a write to a leaf that requires grad between other statements on one line (`n = 3; w.mul_(0.5); m = 4`)
import torch

w = torch.ones(3, requires_grad=True)
n = 3; w.mul_(0.5); m = 4  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation
(w * n * m).sum().backward()
print(w.grad)
