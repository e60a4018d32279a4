# case: masked_fill_ directly on an nn.Parameter (not under no_grad)
import torch
import torch.nn as nn

p = nn.Parameter(torch.randn(6))
p.masked_fill_(p < 0, 0.0)  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation.
