# case: every in-place spelling on tensors that do not require grad is fine
import torch
import torch.nn.functional as F

x = torch.randn(2, 3)
x.add_(1)
x += 1
x *= 2
x[0] = 0.
x[:, 1] += 1
x[0:1].mul_(2)
torch.Tensor.add_(x, 1)
x.copy_(torch.ones(2, 3))
F.relu(x, inplace=True)
x.fill_(1.0)
x.zero_()
print(x)
