# case: a forward hook scales the module's output in place after the module (a sigmoid) saved it
import torch
import torch.nn as nn


def halve(module, inputs, output):
    output.mul_(0.5)  # damp  # expect: GG002


act = nn.Sigmoid()
act.register_forward_hook(halve)
x = torch.randn(4, requires_grad=True)
act(x).sum().backward()  # saver  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(x.grad)
