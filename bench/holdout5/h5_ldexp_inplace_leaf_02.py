# source: https://github.com/pytorch/pytorch/issues/68966
# case: the same in-place `ldexp_` on a clone of the leaf: autograd records it and both inputs get gradients
import torch

a = torch.tensor([1.], requires_grad=True)
b = torch.tensor([1.], requires_grad=True)
c = a.clone()
c.ldexp_(b)
c.sum().backward()
print(a.grad, b.grad)
