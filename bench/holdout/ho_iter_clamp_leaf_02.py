# case: the workaround proposed in the thread (index instead of iterate: bb = b[i]) still clamps a view of a leaf that requires grad; torch 2.13 raises the leaf-view error instead
# source: https://github.com/pytorch/pytorch/issues/47899
import torch

b = torch.rand(2, 5, 5, requires_grad=True)
# for bb in b:
for i in range(len(b)):
    bb = b[i]
    bb[:, 0].clamp_(min=0, max=0.3)  # expect: GG001  # raises: RuntimeError: a view of a leaf Variable that requires grad is being used in an in-place operation
    bb[:, 1].clamp_(min=0, max=0.3)  # expect: GG001
