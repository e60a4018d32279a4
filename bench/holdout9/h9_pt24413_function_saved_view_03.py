# source: https://github.com/pytorch/pytorch/issues/24413
# case: repair: the bias is added out of place (`y = y + self.bias`), so neither the Function's view output nor the tensor it saved is modified, and both the input and the bias get gradients
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
        y = y + self.bias
        return y


layer = TransposeBias(3)
x = torch.rand(2, 3, requires_grad=True)
y = layer(x)
y.backward(torch.rand_like(y))
print(x.grad, layer.bias.grad)
