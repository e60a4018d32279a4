# case: a custom autograd.Function whose forward returns a new tensor (not a view of its input): its output may be modified in place
import torch


class Double(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def backward(ctx, grad):
        return grad * 2


w = torch.randn(2, 3, requires_grad=True)
out = Double.apply(w * 1)
out.add_(1)
out.sum().backward()
print(w.grad.sum().item())
