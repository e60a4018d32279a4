# source: https://github.com/pytorch/pytorch/pull/4565
# case: the PR's test_out_argument_view: `torch.mul(a, b, out=x[:])` where a and b require grad (grad mode on)
import torch
from torch.autograd import Variable

a = Variable(torch.randn(2, 2), requires_grad=True)
b = Variable(torch.randn(2, 2), requires_grad=True)
x = torch.zeros_like(a)
torch.mul(a, b, out=x[:])  # expect: GG007  # raises: RuntimeError: functions with out=... arguments don't support automatic differentiation
