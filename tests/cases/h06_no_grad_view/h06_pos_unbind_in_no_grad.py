# case: unbind outputs created under no_grad, modified after the block (M4 wording, not M3)
import torch

x = torch.randn(2, 3, requires_grad=True)
h = x * 1
with torch.no_grad():
    first, second = h.unbind(0)
first.mul_(2)  # expect: GG004  # raises: RuntimeError: created in no_grad mode and is being modified inplace with grad mode enabled
