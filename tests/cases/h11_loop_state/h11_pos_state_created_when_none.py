# case: a recurrent memory starts as None and is created on the first step (`if memory is None: Z = zeros`), then updated in place on every step (`Z += k`); the previous step's dot saved Z, so the update breaks the backward of every earlier step
import torch


def step(x_t, W, memory=None):
    k = x_t @ W
    if memory is None:
        Z = torch.zeros(3)
    else:
        (Z,) = memory
    Z += k  # expect: GG002
    y = torch.dot(k, Z)  # saver
    return y, [Z]


torch.manual_seed(0)
W = torch.randn(3, 3, requires_grad=True)
memory = None
outs = []
for x_t in torch.randn(4, 3):
    y, memory = step(x_t, W, memory)
    outs.append(y)
torch.stack(outs).sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
