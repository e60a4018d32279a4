# case: a view created under no_grad and modified in grad mode is still forbidden inside allow_mutation_on_saved_tensors()
import torch

x = torch.randn(4, requires_grad=True)
with torch.autograd.graph.allow_mutation_on_saved_tensors():
    base = x * 1
    with torch.no_grad():
        head = base[:2]
    head.mul_(2)  # expect: GG004 # raises: RuntimeError: A view was created in no_grad mode and is being modified inplace with grad mode enabled.
    base.sum().backward()
