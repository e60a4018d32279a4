# source: https://github.com/pytorch/pytorch/issues/95617
# case: forward pre-hook and forward hook on `nn.ReLU(inplace=True)`; the hook sees an input already rectified (the reported surprise), but no autograd state is involved
import torch
import torch.nn as nn

x = torch.tensor([1.23, -4.56])
m = nn.ReLU(inplace=True)


def my_hook(m, input, output):
    print('hook', m, input, output)


def my_pre_hook(m, input):
    print('pre hood', m, input)


m.register_forward_pre_hook(my_pre_hook)
m.register_forward_hook(my_hook)

m(x)
