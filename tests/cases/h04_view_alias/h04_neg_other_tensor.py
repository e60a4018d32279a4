# case: a view of a DIFFERENT tensor is modified; the saved tanh output is untouched
import torch

x = torch.randn(2, 3, requires_grad=True)
y = x.tanh()
buf = torch.zeros(2, 3)
buf[:, 0].fill_(1)
buf.t().mul_(2)
(y * 2).sum().backward()
print(x.grad, buf)
