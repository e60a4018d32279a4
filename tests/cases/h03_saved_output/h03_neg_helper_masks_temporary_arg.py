# case: the clean twin: the helper masks its argument out of place (`x = x * mask`), so sigmoid's saved output stays intact
import torch
import torch.nn as nn


def apply_mask(x, mask):
    x = x * mask
    return x


torch.manual_seed(0)
lin = nn.Linear(4, 4)
inp = torch.randn(3, 4)
mask = (torch.rand(3, 1) > 0.5).float()
out = apply_mask(torch.sigmoid(lin(inp)), mask)
loss = out.sum()
loss.backward()
