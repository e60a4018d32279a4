# case: weight_norm returns the module it wraps: the split outputs of its result are multi-output views, and scaling one in place raises
import torch
import torch.nn as nn
from torch.nn.utils import weight_norm

proj = weight_norm(nn.Linear(4, 8))
x = torch.randn(2, 4)
a, b = torch.split(proj(x), 4, dim=-1)
a *= 0.5  # expect: GG003  # raises: RuntimeError: Output 0 of Split is a view and is being modified inplace
(a + b).sum().backward()
