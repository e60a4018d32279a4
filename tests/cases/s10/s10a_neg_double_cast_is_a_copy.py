# case: a float64 copy made with `x.to(torch.float64)` is what `exp` saves; the float32 original is then scaled in place (`x.mul_(0.5)`), which leaves the copy, and the backward through it, untouched
import torch

torch.manual_seed(0)
w = torch.randn(4, requires_grad=True)
x = w * 2.0
y = x.to(torch.float64)
z = y.exp()
x.mul_(0.5)
loss = z.sum() + x.sum()
print(round(loss.item(), 4))
loss.backward()
