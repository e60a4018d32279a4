# case: reshape of a non-contiguous (transposed) tensor returns a copy: in-place on it is fine
import torch

x = torch.randn(2, 3, requires_grad=True)
y = x.exp()
flat = y.t().reshape(6)
flat.mul_(2)
(y.sum() + flat.sum()).backward()
print(x.grad)
