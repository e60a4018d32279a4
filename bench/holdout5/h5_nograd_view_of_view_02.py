# source: https://github.com/pytorch/pytorch/pull/88243
# case: what the error message asks for: the view and the in-place division both inside the no_grad block
import torch

x = torch.zeros(2, requires_grad=False)
with torch.no_grad():
    y = x.view(2)
    y.requires_grad_(True)
    z = y.view(2)
    z /= 2
print(z)
