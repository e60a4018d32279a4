# case: view of a constant buffer made under no_grad, then filled with a value that requires grad
import torch

x = torch.randn(2, requires_grad=True)
buf = torch.zeros(4)
with torch.no_grad():
    head = buf[:2]
head.copy_(x * 2)  # expect: GG004  # raises: RuntimeError: created in no_grad mode and is being modified inplace with grad mode enabled
buf.sum().backward()
