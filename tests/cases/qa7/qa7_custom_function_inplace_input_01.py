# case: custom autograd Function whose forward clamps its input in place without mark_dirty (the page's BadInPlaceRelu)
# source: https://runebook.dev/en/docs/pytorch/generated/torch.autograd.function.inplacefunction/torch.autograd.function.InplaceFunction
import torch


class BadInPlaceRelu(torch.autograd.Function):
    @staticmethod
    def forward(ctx, input_tensor):
        input_tensor.clamp_(min=0)
        ctx.save_for_backward(input_tensor)
        return input_tensor

    @staticmethod
    def backward(ctx, grad_output):
        (input_tensor,) = ctx.saved_tensors
        grad_input = grad_output.clone()
        grad_input[input_tensor <= 0] = 0
        return grad_input


a = torch.randn(5, requires_grad=True)
x = a * 2
y = BadInPlaceRelu.apply(x)
y.sum().backward()
