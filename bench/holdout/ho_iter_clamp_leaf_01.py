# case: `for bb in b:` over a leaf that requires grad, then bb[:, 0].clamp_(...) on each row (worked in 1.6; iteration became unbind in 1.7) - torch 2.13 raises the multi-output-view error
# source: https://github.com/pytorch/pytorch/issues/47899
import torch

b = torch.rand(2, 5, 5, requires_grad=True)
for bb in b:
    bb[:, 0].clamp_(min=0, max=0.3)  # expect: GG003  # raises: RuntimeError: This view is the output of a function that returns multiple views
    bb[:, 1].clamp_(min=0, max=0.3)  # expect: GG003
