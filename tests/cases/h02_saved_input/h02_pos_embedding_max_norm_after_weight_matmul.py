# case: nn.Embedding(max_norm=...) renormalises the rows it looks up in place, in its weight; an earlier product with that weight saved it for backward
import torch
import torch.nn as nn

torch.manual_seed(0)
embedding = nn.Embedding(4, 3, max_norm=1.0)
proj = torch.randn(5, 3, requires_grad=True)
idx = torch.tensor([0, 2])
scores = embedding.weight @ proj.t()  # saver
picked = embedding(idx) @ proj.t()  # expect: GG002
(scores.sum() + picked.sum()).backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
