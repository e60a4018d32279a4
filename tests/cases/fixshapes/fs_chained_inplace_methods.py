# case: two in-place methods chained on a sigmoid's output (`y.mul_(2).add_(1)`), which sigmoid saved
import torch

x = torch.randn(4, requires_grad=True)
y = torch.sigmoid(x)  # saver
y.mul_(2).add_(1)  # expect: GG002 GG002
y.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(x.grad)
