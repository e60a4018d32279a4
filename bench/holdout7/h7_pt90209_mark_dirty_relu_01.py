# source: https://github.com/pytorch/pytorch/issues/90209
# case: the MyRelu autograd.Function applies relu_ to its input inside forward and declares it with ctx.mark_dirty; the input is a clone of a leaf, so the in-place write is legal and the returned tensor is the same object (backward returns the gradient masked by the output)
import torch


class MyRelu(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        result = x.relu_()
        ctx.mark_dirty(result)
        ctx.save_for_backward(result)
        return result

    @staticmethod
    def backward(ctx, grad_output):
        (result,) = ctx.saved_tensors
        return grad_output * (result > 0)


z = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)
x = z.clone()
y = MyRelu.apply(x)
assert y is x
y.sum().backward()
assert torch.equal(z.grad, torch.tensor([1.0, 0.0, 1.0]))
