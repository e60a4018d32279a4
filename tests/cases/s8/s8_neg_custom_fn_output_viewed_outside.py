# case: the same Function returns the tensor it made, and the caller takes the view itself (outside the Function, grad mode on): scaling that view in place is allowed, as nothing saved the output
import torch


class HeadsMatmul(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a, w):
        ctx.save_for_backward(a, w)
        return a @ w.t()

    @staticmethod
    def backward(ctx, grad):
        a, w = ctx.saved_tensors
        return grad @ w, grad.t() @ a


torch.manual_seed(0)
a = torch.randn(3, 4, requires_grad=True)
w = torch.randn(6, 4, requires_grad=True)
heads = HeadsMatmul.apply(a, w).view(3, 2, -1)
heads *= 0.5
heads.sum().backward()
