# case: inference_mode(False) does not create inference tensors: in-place and saving later are fine
import torch

with torch.inference_mode(False):
    t = torch.ones(3)
t.add_(1)
x = torch.randn(3, requires_grad=True)
(x * t).sum().backward()
print(x.grad)
