# case: inference tensor cloned outside inference_mode gives a normal tensor: in-place and saving are fine
import torch

with torch.inference_mode():
    t = torch.ones(3)
t = t.clone()
t.add_(1)
x = torch.randn(3, requires_grad=True)
(x * t).sum().backward()
print(x.grad)
