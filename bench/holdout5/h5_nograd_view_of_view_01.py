# source: https://github.com/pytorch/pytorch/pull/88243
# case: the PR's regression test: `y = x.view(2)` is created under no_grad and made to require grad there, then a view of it, `z = y.view(2)`, is divided in place with grad mode on
import torch

x = torch.zeros(2, requires_grad=False)
with torch.no_grad():
    y = x.view(2)
    y.requires_grad_(True)
z = y.view(2)
z /= 2  # expect: GG004  # raises: RuntimeError: which was created in no_grad mode and is being modified inplace with grad mode enabled
