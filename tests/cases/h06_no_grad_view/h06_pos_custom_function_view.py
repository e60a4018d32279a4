# case: a custom autograd.Function whose forward returns a view of its input; modifying that output in place (grad mode on) is forbidden
import torch


class Flatten(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.shape = x.shape
        return x.view(-1)

    @staticmethod
    def backward(ctx, grad):
        return grad.view(ctx.shape)


w = torch.randn(2, 3, requires_grad=True)
flat = Flatten.apply(w * 2)
flat.mul_(0.5)  # expect: GG004  # raises: RuntimeError: Output 0 of Flatten is a view and is being modified inplace. This view was created inside a custom Function
flat.sum().backward()
