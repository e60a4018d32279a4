# source: https://github.com/linkedin/Liger-Kernel/issues/254
# case: what the thread recommends: the SwiGLU-style gate is computed out of place, so the output that the Exponential Function saved keeps its version and backward runs
import torch
import torch.nn.functional as F

torch.manual_seed(0)


class Exponential(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        out = torch.exp(x)
        ctx.save_for_backward(out)
        return out

    @staticmethod
    def backward(ctx, out_grad):
        (out,) = ctx.saved_tensors
        return out_grad * out


def swiglu(a, b):
    return a * F.silu(b)


x = torch.randn(4, 6, requires_grad=True)
target = torch.randn(4, 6)
x_exp = Exponential.apply(x)
y = swiglu(x_exp, x_exp.detach() * 0.5)
loss = F.mse_loss(y, target)
loss.backward()
