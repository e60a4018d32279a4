# case: graph recorded and mutated inside allow_mutation_on_saved_tensors(), backward called after the block ends (H13c)
import torch

x = torch.randn(3, requires_grad=True)
with torch.autograd.graph.allow_mutation_on_saved_tensors():
    y = torch.sigmoid(x)
    y.mul_(2)
y.sum().backward()  # expect: GG010 # raises: AssertionError: Trying to backward outside of the 'allow_mutation_on_saved_tensors' context
