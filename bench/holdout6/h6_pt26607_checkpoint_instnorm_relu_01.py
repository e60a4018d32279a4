# source: https://github.com/pytorch/pytorch/pull/26607
# case: the PR's example: `checkpoint(nn.Sequential(nn.InstanceNorm1d(2), nn.ReLU(inplace=True)), x)`; the in-place ReLU runs on the InstanceNorm output inside the checkpointed (no-grad) forward and again in the recomputation, and x receives a gradient
import torch
import torch.nn as nn
from torch.utils.checkpoint import checkpoint

torch.manual_seed(0)
x = torch.randn(3, 2, 4, requires_grad=True)
model = nn.Sequential(
    nn.InstanceNorm1d(2),
    nn.ReLU(inplace=True),
)
y = checkpoint(model, x, use_reentrant=True)
y.norm().backward()

assert x.grad is not None
print(type(y.grad_fn).__name__)
