# case: in-place on a leaf inside torch.set_grad_enabled(False)
import torch

train = False
x = torch.randn(3, requires_grad=True)
with torch.set_grad_enabled(train):
    x.mul_(0.5)
    x.clamp_(-1, 1)
print(x)
