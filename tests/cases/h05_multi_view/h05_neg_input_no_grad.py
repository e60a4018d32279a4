# case: unbind/split/chunk/iteration of a tensor that does not require grad: in-place is fine (H5d)
import torch

t = torch.randn(4, 3)
a, b, c = t.unbind(1)
a.mul_(2)
p, q = t.split(2)
q.add_(1)
for row in t:
    row.clamp_(-1, 1)
print(t)
