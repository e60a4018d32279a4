# case: recursion f(n) = Sigmoid(f(n-1) * x) stored into the slots of one buffer: f[i] = f[i-1]*x saves f[i-1] (a view of f) and x, then the next slot writes bump the shared version
# source: https://github.com/pytorch/pytorch/issues/36470
import torch

x = torch.ones(1)
x.requires_grad_()
a = 1
f = torch.zeros(10)
f[0] = a
for i in range(1, 10):
    f[i] = f[i-1]*x  # expect: GG002  # saver
    f[i] = 1/(1.0+torch.exp(-f[i]))  # expect: GG002
loss = torch.sum(f)
grad = torch.autograd.grad(loss, [x])[0]  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
