# case: tensors made under no_grad (not inference_mode) can be modified and saved later
import torch

with torch.no_grad():
    t = torch.ones(3)
t.add_(1)
x = torch.randn(3, requires_grad=True)
y = x * t
y.sum().backward()
print(x.grad)
