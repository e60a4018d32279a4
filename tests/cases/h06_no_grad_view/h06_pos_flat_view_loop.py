# case: flat .view(-1) made under set_grad_enabled(False), updated in a loop after grad is back on
import torch

x = torch.randn(2, 2, requires_grad=True)
h = x * 1
with torch.set_grad_enabled(False):
    flat = h.view(-1)
for i in range(2):
    flat[i] = 0.  # expect: GG004  # raises: RuntimeError: created in no_grad mode and is being modified inplace with grad mode enabled
