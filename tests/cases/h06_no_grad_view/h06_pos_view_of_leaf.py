# case: view of a LEAF made under no_grad, modified with grad on: torch raises M4, not M1v
import torch

w = torch.randn(4, requires_grad=True)
with torch.no_grad():
    head = w[:2]
head.zero_()  # expect: GG004  # raises: RuntimeError: created in no_grad mode and is being modified inplace with grad mode enabled
