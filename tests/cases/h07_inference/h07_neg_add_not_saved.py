# case: x + t with an inference tensor t: add saves nothing, so forward and backward run
import torch

with torch.inference_mode():
    t = torch.ones(3)
x = torch.randn(3, requires_grad=True)
y = x + t
y.sum().backward()
print(x.grad)
