# case: unbound-method spelling torch.Tensor.mul_(y, 2) on a sigmoid output
import torch

x = torch.randn(3, requires_grad=True)
y = x.sigmoid()  # saver
torch.Tensor.mul_(y, 2)  # expect: GG002
y.sum().backward()  # raises: RuntimeError: modified by an inplace operation
