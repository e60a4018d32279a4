# case: add/sub save no tensors: modifying either operand before backward is fine
import torch

x = torch.randn(3, requires_grad=True)
b = torch.randn(3)
a = x * 1
y = (a + b) - b
a.mul_(3)
b.zero_()
y.sum().backward()
print(x.grad)
