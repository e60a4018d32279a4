# case: backward inside a second, different allow_mutation_on_saved_tensors() block than the one that recorded the graph
import torch

x = torch.randn(3, requires_grad=True)
with torch.autograd.graph.allow_mutation_on_saved_tensors():
    y = torch.tanh(x)
    y.add_(1)
with torch.autograd.graph.allow_mutation_on_saved_tensors():
    y.sum().backward()  # expect: GG010 # raises: AssertionError: Trying to backward outside of the 'allow_mutation_on_saved_tensors' context
