# case: in-place on an output of chunk() inside allow_mutation_on_saved_tensors(): the multi-output-view check still fires
import torch

x = torch.randn(4, requires_grad=True)
with torch.autograd.graph.allow_mutation_on_saved_tensors():
    a, b = (x * 1).chunk(2)
    b.add_(1)  # expect: GG003 # raises: RuntimeError: Output 1 of Split is a view and is being modified inplace
    (a.sum() + b.sum()).backward()
