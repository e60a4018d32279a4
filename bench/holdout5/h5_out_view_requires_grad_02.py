# source: https://github.com/pytorch/pytorch/pull/4565
# case: the same out= call on detached inputs (the form the review discusses for tensors that do not require grad): nothing is differentiated, the write is allowed
import torch
from torch.autograd import Variable

a = Variable(torch.randn(2, 2), requires_grad=True)
b = Variable(torch.randn(2, 2), requires_grad=True)
x = torch.zeros_like(a)
torch.mul(a.detach(), b.detach(), out=x[:])
print(x)
