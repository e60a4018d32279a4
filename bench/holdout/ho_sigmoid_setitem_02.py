# case: the same sigmoid spelled 1/((-a).exp()+1): b is the output of a mul by 1 that saves nothing, so b[1] = 2 is safe (grad of a[1] becomes 0)
# source: https://github.com/pytorch/pytorch/issues/9391
import torch

a = torch.tensor([1, 2, 3.], requires_grad=True)
b = 1/((-a).exp()+1)
print(b)
b[1] = 2
b.sum().backward()
print(a.grad)
