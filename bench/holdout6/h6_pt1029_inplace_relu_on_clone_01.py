# source: https://github.com/pytorch/pytorch/issues/1029
# case: the thread's comparison: `F.relu(var2, inplace=True)` on a clone of a leaf versus `F.relu(var_copy, inplace=False)` whose result is discarded; both backward passes run (the gradients differ because of the reporter's typo, not because of autograd)
import torch
from torch.nn import functional as F

torch.manual_seed(0)
inp = torch.randn(5, 5)

var = inp.clone().requires_grad_(True)
var2 = var.clone()
F.relu(var2, inplace=True)
loss = var2.sum()
loss.backward()
print(var.grad)

var_copy = inp.clone().requires_grad_(True)
F.relu(var_copy, inplace=False)
loss2 = var_copy.sum()
loss2.backward()
print(var_copy.grad)
