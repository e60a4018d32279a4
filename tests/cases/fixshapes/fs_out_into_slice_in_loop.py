# case: `torch.mul(a, b, out=buf[i])` fills rows of a buffer in a loop while an argument requires grad
import torch

a = torch.randn(3, requires_grad=True)
buf = torch.zeros(2, 3)
for i in range(2):
    torch.mul(a, i + 1.0, out=buf[i])  # expect: GG007  # raises: RuntimeError: functions with out=... arguments don't support automatic differentiation
buf.sum().backward()
print(a.grad)
