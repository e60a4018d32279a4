# source: https://github.com/pytorch/pytorch/issues/24413
# case: the custom Function, in a layer: `forward` clones its input, saves a transposed view of the copy with `ctx.save_for_backward` and returns that view; the caller then adds a bias in place to the returned tensor (`y += self.bias`). The issue reported that the version check missed this; torch 2.13 rejects the in-place op on the Function's view output at once
import torch
import torch.nn as nn

torch.manual_seed(0)


class TransposeCopy(torch.autograd.Function):
    @staticmethod
    def forward(ctx, tensor1):
        tensor2 = tensor1.clone()
        tensor3 = tensor2.t()
        ctx.save_for_backward(tensor3)
        return tensor3

    @staticmethod
    def backward(ctx, grad):
        (saved,) = ctx.saved_tensors
        return grad.t().clone()


class TransposeBias(nn.Module):
    def __init__(self, features):
        super().__init__()
        self.bias = nn.Parameter(torch.zeros(features, 1))

    def forward(self, x):
        y = TransposeCopy.apply(x)
        y += self.bias  # expect: GG004  # raises: RuntimeError: This view was created inside a custom Function
        return y


layer = TransposeBias(3)
x = torch.rand(2, 3, requires_grad=True)
y = layer(x)
y.backward(torch.rand_like(y))
print(x.grad, layer.bias.grad)
