# case: x.detach().add_(1) on a leaf does NOT raise (detach() result does not require grad); no graph here
import torch

x = torch.randn(3, requires_grad=True)
x.detach().add_(1)
(x * 2).sum().backward()
print(x._version, x.grad)
