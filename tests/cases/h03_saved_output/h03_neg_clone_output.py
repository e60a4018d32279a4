# case: x.clone() saves nothing: in-place on the clone is fine
import torch

x = torch.randn(3, requires_grad=True)
y = x.clone()
y.sub_(1)
y.sum().backward()
print(x.grad)
