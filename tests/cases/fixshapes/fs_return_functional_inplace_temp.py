# case: `return F.relu(torch.sigmoid(h), inplace=True)`: the in-place ReLU writes into the sigmoid's temporary output, which sigmoid saved
import torch
import torch.nn.functional as F


def gate(h):
    return F.relu(torch.sigmoid(h), inplace=True)  # expect: GG002  # saver


x = torch.randn(4, requires_grad=True)
gate(x * 2).sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(x.grad)
