# case: in-place on x.grad (gradients do not require grad): zeroing and scaling
import torch

x = torch.randn(3, requires_grad=True)
(x ** 2).sum().backward()
x.grad.mul_(0.5)
x.grad.clamp_(-1.0, 1.0)
x.grad.zero_()
print(x.grad)
