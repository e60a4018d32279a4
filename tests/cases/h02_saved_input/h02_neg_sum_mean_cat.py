# case: sum/mean/cat save only sizes: modifying their input before backward is fine
import torch

x = torch.randn(3, requires_grad=True)
a = x * 1
y = a.sum() + a.mean() + torch.cat([a, a]).sum()
a.add_(1)
y.backward()
print(x.grad)
