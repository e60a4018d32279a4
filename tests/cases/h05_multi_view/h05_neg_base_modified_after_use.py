# case: the base is modified only after the unbind outputs were last used
import torch

x = torch.randn(2, 3, requires_grad=True)
base = x * 1
a, b = base.unbind(0)
loss = a.sum() + b.sum()
base.mul_(2)
loss.backward()
print(x.grad)
