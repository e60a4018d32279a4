# case: two names bound to one exp output (`a = b = x.exp()`); writing through one changes what exp saved
import torch

x = torch.randn(4, requires_grad=True)
a = b = x.exp()  # saver
a.add_(1)  # expect: GG002
b.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(x.grad)
