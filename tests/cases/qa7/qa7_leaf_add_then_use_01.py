# case: the page's example: x.add_(1) on a leaf created with requires_grad=True, then y = x * 2 and backward
# source: https://runebook.dev/en/docs/pytorch/generated/torch.autograd.function.inplacefunction/torch.autograd.function.InplaceFunction.forward
import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
x.add_(1)  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation
y = x * 2
y.sum().backward()
