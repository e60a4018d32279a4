# case: an augmented assignment to a leaf that requires grad in a one-line `for` body
import torch

w = torch.zeros(3, requires_grad=True)
for k in range(2): w += 0.1  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation
(w * 2).sum().backward()
print(w.grad)
