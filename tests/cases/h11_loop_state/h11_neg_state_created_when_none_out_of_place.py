# case: the same memory updated out of place (`Z = Z + k`): each step's dot keeps its own Z
import torch


def step(x_t, W, memory=None):
    k = x_t @ W
    if memory is None:
        Z = torch.zeros(3)
    else:
        (Z,) = memory
    Z = Z + k
    y = torch.dot(k, Z)
    return y, [Z]


torch.manual_seed(0)
W = torch.randn(3, 3, requires_grad=True)
memory = None
outs = []
for x_t in torch.randn(4, 3):
    y, memory = step(x_t, W, memory)
    outs.append(y)
torch.stack(outs).sum().backward()
