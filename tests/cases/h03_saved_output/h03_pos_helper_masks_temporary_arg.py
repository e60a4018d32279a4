# case: a helper multiplies its argument in place (`x *= mask`) after sigmoid saved it; every call passes a temporary, so rewriting the helper's write out of place keeps what is computed
import torch
import torch.nn as nn


def apply_mask(x, mask):
    x *= mask  # expect: GG002
    return x


torch.manual_seed(0)
lin = nn.Linear(4, 4)
inp = torch.randn(3, 4)
mask = (torch.rand(3, 1) > 0.5).float()
out = apply_mask(torch.sigmoid(lin(inp)), mask)  # saver
loss = out.sum()
loss.backward()  # raises: RuntimeError: modified by an inplace operation
