# case: a scatter-like custom autograd.Function splits a batch that does not require grad into chunks (views made in its forward); filling a chunk's row with a learnable fill value writes a value that requires grad into a view made in no_grad mode
import torch
import torch.nn as nn


class Scatter(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x.split([1, 1], 0)

    @staticmethod
    def backward(ctx, *grads):
        return torch.cat(grads, 0)


torch.manual_seed(0)
fill = nn.Parameter(torch.randn(3))
batch = torch.rand(2, 3)
first, second = Scatter.apply(batch)
first[0] = first[0] * 0.5 + fill  # expect: GG004  # raises: RuntimeError: A view was created in no_grad mode
(first.sum() + second.sum()).backward()
