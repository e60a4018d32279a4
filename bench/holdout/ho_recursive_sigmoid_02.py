# case: the reporter's rewrite: each f(n) is recomputed from scratch in a temporary and only written into the buffer afterwards; nothing saved lives in f, so autograd.grad works
# source: https://github.com/pytorch/pytorch/issues/36470
import torch

x = torch.ones(1)
x.requires_grad_()
a = 1
f = torch.zeros(10)
f[0] = a
for i in range(1, 10):
    tmp = a
    for j in range(i):
        tmp = 1/(1.0+torch.exp(-(a*x)))
    f[i] = tmp
loss = torch.sum(f)
grad = torch.autograd.grad(loss, [x])[0]
print(grad)
