# source: https://github.com/linkedin/Liger-Kernel/issues/254
# case: the Exponential autograd.Function saves its output for backward; a SwiGLU-style gate then writes into that output in place (stand-in for the fused kernel that reuses its input buffers), so Exponential.backward finds its saved output modified
import torch
import torch.nn.functional as F

torch.manual_seed(0)


class Exponential(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        out = torch.exp(x)
        ctx.save_for_backward(out)  # saver
        return out

    @staticmethod
    def backward(ctx, out_grad):
        (out,) = ctx.saved_tensors  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
        return out_grad * out


def swiglu_inplace(a, b):
    # writes the result into a's buffer to save memory
    a.mul_(F.silu(b))  # expect: GG002
    return a


x = torch.randn(4, 6, requires_grad=True)
target = torch.randn(4, 6)
x_exp = Exponential.apply(x)
y = swiglu_inplace(x_exp, x_exp.detach() * 0.5)
loss = F.mse_loss(y, target)
loss.backward()
