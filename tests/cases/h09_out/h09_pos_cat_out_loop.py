# case: torch.cat(..., out=) inside a loop, concatenating a learnable embedding with features
import torch

emb = torch.randn(2, requires_grad=True)
feats = torch.randn(3, 4)
row = torch.empty(6)
outs = []
for i in range(3):
    torch.cat([emb, feats[i]], out=row)  # expect: GG007 # raises: RuntimeError: cat(): functions with out=... arguments don't support automatic differentiation
    outs.append(row.sum())
