# case: .double() on a float32 tensor is a real copy (unlike .float()): in-place on it is fine
import torch

x = torch.randn(3, requires_grad=True)
y = torch.tanh(x)
z = y.double()
z.sub_(1)
(y.sum() + z.sum()).backward()
print(x.grad)
