# case: a slice taken under no_grad and later updated with `+=` with grad mode on
import torch

w = torch.randn(6, requires_grad=True)
x = w * 1.0
with torch.no_grad():
    tail = x[3:]
tail += 1  # expect: GG004  # raises: RuntimeError: A view was created in no_grad mode and is being modified inplace with grad mode enabled
x.sum().backward()
print(w.grad)
