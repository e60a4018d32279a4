# case: clean twin: the page's fix, out-of-place add instead of add_
# source: https://runebook.dev/en/docs/pytorch/generated/torch.autograd.function.inplacefunction/torch.autograd.function.InplaceFunction.forward
import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
x1 = x.add(1)
y = x1 * 2
y.sum().backward()
print(x.grad)
