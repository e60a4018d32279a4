# case: the sorted values of a feature map are clipped in place (vals[:, 0] = 0); sort keeps only its indices for backward, so the write is safe
import torch
import torch.nn as nn

lin = nn.Linear(3, 3)
y = lin(torch.randn(5, 3))
vals, idx = y.sort(dim=1)
vals[:, 0] = 0
top, top_idx = y.topk(2, dim=1)
top.mul_(0.5)
(vals.sum() + top.sum()).backward()
