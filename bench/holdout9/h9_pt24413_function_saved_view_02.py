# source: https://github.com/pytorch/pytorch/issues/24413
# case: the contrast: the Function saves and returns the copy itself (not a view of it), so the in-place bias add modifies a tensor the Function saved, and the version check fires when its backward unpacks `ctx.saved_tensors`
import torch
import torch.nn as nn

torch.manual_seed(0)


class CopyFn(torch.autograd.Function):
    @staticmethod
    def forward(ctx, tensor1):
        tensor2 = tensor1.clone()
        ctx.save_for_backward(tensor2)  # saver
        return tensor2

    @staticmethod
    def backward(ctx, grad):
        (saved,) = ctx.saved_tensors  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
        return grad.clone()


class CopyBias(nn.Module):
    def __init__(self, features):
        super().__init__()
        self.bias = nn.Parameter(torch.zeros(features))

    def forward(self, x):
        y = CopyFn.apply(x)
        y += self.bias  # expect: GG002
        return y


layer = CopyBias(3)
x = torch.rand(2, 3, requires_grad=True)
y = layer(x)
y.backward(torch.rand_like(y))
print(x.grad, layer.bias.grad)
