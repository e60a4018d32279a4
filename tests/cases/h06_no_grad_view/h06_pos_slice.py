# case: slice created under no_grad, modified after the block with grad mode on
import torch

x = torch.randn(4, requires_grad=True)
base = x * 1
with torch.no_grad():
    v = base[:2]
v.mul_(2)  # expect: GG004  # raises: RuntimeError: created in no_grad mode and is being modified inplace with grad mode enabled
