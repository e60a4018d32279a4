# case: albanD's answer: clone the leaf, apply F.relu_ to the clone and differentiate w.r.t. the original leaf (gradient 0 as expected)
# source: https://discuss.pytorch.org/t/understanding-autograd-relu-inplace-true/89031
import torch
import torch.nn.functional as F

# not in place
x = torch.tensor([-1.0]).requires_grad_()
print(torch.autograd.grad(F.relu(x), (x, ))[0])

# inplace, on a clone of the leaf
x = torch.tensor([-1.0]).requires_grad_()
x2 = x.clone()
print(torch.autograd.grad(F.relu_(x2), (x, ))[0])
