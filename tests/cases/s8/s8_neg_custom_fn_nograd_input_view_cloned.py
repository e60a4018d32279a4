# case: the same scatter-like Function, but the chunk is cloned before its row is filled with the learnable value: the clone is an ordinary tensor, so the write is recorded and the backward runs
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
first = first.clone()
first[0] = first[0] * 0.5 + fill
(first.sum() + second.sum()).backward()
