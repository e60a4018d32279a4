# case: allow_mutation_on_saved_tensors() does not make in-place on a leaf that requires grad legal
import torch

x = torch.randn(3, requires_grad=True)
with torch.autograd.graph.allow_mutation_on_saved_tensors():
    y = torch.sigmoid(x)
    x.add_(1)  # expect: GG001 # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation.
    y.sum().backward()
