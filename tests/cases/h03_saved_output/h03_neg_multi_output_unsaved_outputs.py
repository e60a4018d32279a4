# case: outputs of multi-output ops that their backward does not keep may be written in place: var_mean keeps neither the variance nor the mean, cholesky_ex's `info` is an integer tensor
import torch

torch.manual_seed(0)
a = torch.randn(4, 4, requires_grad=True)
x = a @ a.T + torch.eye(4)
var, mean = torch.var_mean(x, 0)
mean.mul_(2)
var.add_(1)
L, info = torch.linalg.cholesky_ex(x)
info.add_(1)
(var.sum() + mean.sum() + L.sum()).backward()
