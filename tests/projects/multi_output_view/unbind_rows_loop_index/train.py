# case: data.rows() returns one indexing view per row (not unbind); train.py rescales each with *=
import torch

from data import rows

torch.manual_seed(0)
w = torch.randn(3, 4, requires_grad=True)
h = w * 2.0
for i, r in enumerate(rows(h)):
    r *= i + 1
h.sum().backward()
