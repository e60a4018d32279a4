# source: https://github.com/pytorch/pytorch/issues/5871
# case: the InPlaceAdd Function adds b into a slice of its first input inside forward (`a[1:2] += b`, grad mode is off there) and returns that input; with torch 2.13 both the non-leaf call `add_in_place(a + 1, b)` and the leaf call give b its gradient
import torch
from torch.autograd import Function


class InPlaceAdd(Function):
    @staticmethod
    def forward(ctx, a, b):
        a[1:2] += b
        return a

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output, grad_output[1:2].reshape(1)


add_in_place = InPlaceAdd.apply

a = torch.ones(2, requires_grad=True)
b = torch.ones(1, requires_grad=True)
c = add_in_place(a + 1, b)
c.sum().backward()
assert b.grad is not None

a = torch.ones(2, requires_grad=True)
b = torch.ones(1, requires_grad=True)
c = add_in_place(a, b)
c.sum().backward()
assert a.grad is not None and b.grad is not None
