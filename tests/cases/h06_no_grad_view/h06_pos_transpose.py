# case: transpose created under no_grad, modified with += with grad mode on
import torch

x = torch.randn(2, 3, requires_grad=True)
h = x.exp()
with torch.no_grad():
    ht = h.t()
ht += 1  # expect: GG004  # raises: RuntimeError: created in no_grad mode and is being modified inplace with grad mode enabled
