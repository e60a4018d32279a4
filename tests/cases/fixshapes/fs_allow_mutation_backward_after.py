# case: the backward runs after the `allow_mutation_on_saved_tensors()` block that recorded the graph, with a comment after it
import torch
from torch.autograd.graph import allow_mutation_on_saved_tensors

x = torch.randn(3, requires_grad=True)
with allow_mutation_on_saved_tensors():
    y = x.sin()
    x_sq = y * y
    y.mul_(2)
x_sq.sum().backward()  # gradients  # expect: GG010  # raises: AssertionError: Trying to backward outside of the 'allow_mutation_on_saved_t
print(x.grad)
