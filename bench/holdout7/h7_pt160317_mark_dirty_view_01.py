# source: https://github.com/pytorch/pytorch/issues/160317
# case: the ReluOps Function: relu_ on its input, ctx.mark_dirty(x) and ctx.save_for_backward(x), applied to a view (z[0]) of a non-leaf; autograd rebases the base's history through the view, and a backward through the base runs (the issue is about the reference cycle this creates, not an error)
import torch


class ReluOps(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        x.relu_()
        ctx.mark_dirty(x)
        ctx.save_for_backward(x)
        return x

    @staticmethod
    def backward(ctx, grad):
        x = ctx.saved_tensors
        return grad * x[0]


def run():
    for i in range(3):
        x = torch.rand((4, 5, 6), requires_grad=True)
        z = x + 1.0
        z_view = z[0]
        ReluOps.apply(z_view)
        z.sum().backward()
        assert x.grad is not None


run()
