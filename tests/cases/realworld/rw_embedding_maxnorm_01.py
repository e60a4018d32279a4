# case: nn.Embedding(max_norm=True) renormalises embedding.weight in place during embedding(idx), after `embedding.weight @ W.t()` saved it
# source: https://github.com/pytorch/pytorch/issues/26596
import torch
import torch.nn as nn

n, d, m = 3, 5, 7

embedding = nn.Embedding(n, d, max_norm=True)
W = torch.randn((m, d), requires_grad=True)
optimizer = torch.optim.Adam(list(embedding.parameters()) + [W], lr=1e-3)

optimizer.zero_grad()
idx = torch.tensor([1, 2])

a = embedding.weight @ W.t()  # Line a  # saver
b = embedding(idx) @ W.t()    # Line b  # expect: GG002

out = (a.unsqueeze(0) + b.unsqueeze(1))
loss = out.sigmoid().prod()
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
optimizer.step()
