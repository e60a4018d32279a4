# case: a custom autograd.Function returns a view of a tensor it made in forward (out.view(...)), not of an input; the caller scales that output in place, which autograd forbids for any view created inside a custom Function
import torch


class HeadsMatmul(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a, w):
        ctx.save_for_backward(a, w)
        out = a @ w.t()
        return out.view(a.shape[0], 2, -1)

    @staticmethod
    def backward(ctx, grad):
        a, w = ctx.saved_tensors
        grad = grad.reshape(a.shape[0], -1)
        return grad @ w, grad.t() @ a


torch.manual_seed(0)
a = torch.randn(3, 4, requires_grad=True)
w = torch.randn(6, 4, requires_grad=True)
heads = HeadsMatmul.apply(a, w)
heads *= 0.5  # expect: GG004  # raises: RuntimeError: This view was created inside a custom Function
heads.sum().backward()
