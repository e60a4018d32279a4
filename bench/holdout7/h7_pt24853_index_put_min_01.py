# source: https://github.com/pytorch/pytorch/issues/24853
# case: the snippet (reported as failing in 1.2.0): `bb[a != 0] = torch.min(bb[a != 0], c[a != 0])` writes into bb = b + 1 through a boolean index; neither the add nor the advanced-indexing read saved bb itself, and under torch 2.13 the backward runs
import torch

b0 = torch.tensor(5.0, requires_grad=True)
a = torch.Tensor([1, 0, 0])
b = torch.zeros(3, requires_grad=True)
c = torch.ones(3, requires_grad=True)

bb = b + 1
bb[a != 0] = torch.min(bb[a != 0], c[a != 0])

d = torch.sum(bb)
d.backward()
assert b.grad is not None and c.grad is not None
