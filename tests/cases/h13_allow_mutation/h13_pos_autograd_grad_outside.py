# case: torch.autograd.grad (not .backward) outside the context that recorded the graph
import torch

x = torch.randn(3, requires_grad=True)
with torch.autograd.graph.allow_mutation_on_saved_tensors():
    y = x.exp()
    y[0] = 0.0
(gx,) = torch.autograd.grad(y.sum(), x)  # expect: GG010 # raises: AssertionError: Trying to backward outside of the 'allow_mutation_on_saved_tensors' context
