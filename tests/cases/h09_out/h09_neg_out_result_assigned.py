# case: the clean twin: the result is computed without out= and bound to both names
import torch

torch.manual_seed(0)
x = torch.randn(3, requires_grad=True)
buf = torch.empty(3)
y = buf = torch.mul(x, 2)
(y * buf).sum().backward()
